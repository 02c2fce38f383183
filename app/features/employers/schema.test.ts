import { describe, expect, it } from "vitest";
import { makeCreditCode } from "~/domain/credit-code";
import { errorsByField, hiringCommitment, orderBasedOrderForm as order } from "../../../test/setup/schema-fixtures";
import { CandidateActionSchema, EmployerDecisionSchema, EmployerSignupSchema, PostingSchema, TrainingOrderSchema } from "./schema";

const code = makeCreditCode("91", "110105", "MA01BJT70");

const signup = {
  name: "北京测试家政有限公司",
  creditCode: code,
  districtCode: "110105",
  industry: "domestic-services",
  contactName: "张经理",
  contactPhone: "13912345678",
  username: "kangle-hr",
  password: "a-long-password",
  passwordConfirm: "a-long-password",
  declaration: "on",
};

describe("employer sign-up schema", () => {
  it("accepts a complete sign-up, normalising the credit code", () => {
    const r = EmployerSignupSchema.safeParse({ ...signup, creditCode: ` ${code.toLowerCase().slice(0, 9)} ${code.slice(9).toLowerCase()} ` });
    expect(r.success).toBe(true);
    expect(r.data?.creditCode).toBe(code);
  });

  it("tells a mistyped credit code (check character) from a malformed one", () => {
    const wrongCheck = code.slice(0, 17) + (code[17] === "0" ? "1" : "0");
    expect(errorsByField(EmployerSignupSchema.safeParse({ ...signup, creditCode: wrongCheck })).creditCode).toBe("emp.signup.creditCodeChecksum");
    expect(errorsByField(EmployerSignupSchema.safeParse({ ...signup, creditCode: "12345" })).creditCode).toBe("emp.signup.creditCodeFormat");
    expect(errorsByField(EmployerSignupSchema.safeParse({ ...signup, creditCode: "" })).creditCode).toBe("emp.signup.creditCodeRequired");
  });

  it("places employers in a Beijing/Tianjin district or Hebei county and reports every problem at once", () => {
    const errors = errorsByField(
      EmployerSignupSchema.safeParse({ ...signup, districtCode: "310101", contactPhone: "123", passwordConfirm: "different", declaration: undefined }),
    );
    expect(errors).toMatchObject({
      districtCode: "emp.signup.districtRequired",
      contactPhone: "reg.phoneFormat",
      passwordConfirm: "emp.signup.passwordMismatch",
      declaration: "emp.signup.declarationRequired",
    });
  });

  it("asks for a reason when rejecting or suspending", () => {
    expect(errorsByField(EmployerDecisionSchema.safeParse({ intent: "reject" })).reason).toBe("emp.reasonRequired");
    expect(EmployerDecisionSchema.safeParse({ intent: "verify" }).success).toBe(true);
  });
});

const posting = { occupationCode: "domestic-helper", title: "招聘住家保姆", headcount: "3", wageMin: "6,000", wageMax: "8000元", workRegionCode: "110105" };

describe("posting schema", () => {
  it("reads form strings and API numbers alike", () => {
    const form = PostingSchema.parse({
      ...posting,
      housing: "on",
      certificates: "健康证、家政服务员证",
      skills: [
        { occupationCode: "", minLevel: "" },
        { occupationCode: "domestic-helper", minLevel: "4" },
      ],
    });
    expect(form).toMatchObject({
      headcount: 3,
      wageMin: 6000,
      wageMax: 8000,
      housing: true,
      meals: false,
      certificates: ["健康证", "家政服务员证"],
      skills: [{ occupationCode: "domestic-helper", minLevel: 4 }],
    });
    const api = PostingSchema.parse({ ...posting, headcount: 3, wageMin: 6000, wageMax: 8000, housing: true, certificates: ["健康证"] });
    expect(api).toMatchObject({ headcount: 3, housing: true, certificates: ["健康证"], skills: [] });
  });

  it("keeps wages and ages in order and within the law", () => {
    const errors = errorsByField(PostingSchema.safeParse({ ...posting, wageMin: "9000", ageMin: "15", ageMax: "70", headcount: "0" }));
    expect(errors).toMatchObject({
      wageMax: "emp.posting.wageOrder",
      ageMin: "emp.posting.ageRange",
      ageMax: "emp.posting.ageRange",
      headcount: "emp.posting.headcountRange",
    });
    expect(errorsByField(PostingSchema.safeParse({ ...posting, ageMin: "45", ageMax: "30" })).ageMax).toBe("emp.posting.ageOrder");
    expect(errorsByField(PostingSchema.safeParse({ ...posting, startDate: "2027-01-01", deadline: "2027-02-01" })).deadline).toBe(
      "emp.posting.deadlineAfterStart",
    );
    expect(errorsByField(PostingSchema.safeParse({ ...posting, deadline: "2027-02-30" })).deadline).toBe("emp.dateFormat");
  });

  it("refuses conditions on sex, ethnicity or hukou written into title or description", () => {
    expect(errorsByField(PostingSchema.safeParse({ ...posting, title: "保安（限男性）" })).title).toBe("emp.posting.discriminatory_sex");
    expect(errorsByField(PostingSchema.safeParse({ ...posting, description: "要求北京户口" })).description).toBe("emp.posting.discriminatory_hukou");
  });

  it("offers no field for sex, ethnicity or hukou (unknown keys are dropped)", () => {
    const r = PostingSchema.parse({ ...posting, sex: "MALE", ethnicity: "汉", hukou: "110000" });
    expect(Object.keys(r)).not.toEqual(expect.arrayContaining(["sex"]));
    expect(r).not.toHaveProperty("ethnicity");
    expect(r).not.toHaveProperty("hukou");
  });
});

describe("training order schema", () => {
  it("requires the hiring commitment of an order-based class, with every other problem shown too", () => {
    const errors = errorsByField(TrainingOrderSchema.safeParse({ ...order, trainingHours: "2" }));
    expect(errors).toMatchObject({
      trainingHours: "emp.order.hoursRange",
      commitHires: "emp.order.commitHiresRequired",
      commitWage: "emp.order.commitWageRequired",
      retentionMonths: "emp.order.retentionRequired",
    });
    expect(TrainingOrderSchema.safeParse({ ...order, ...hiringCommitment }).success).toBe(true);
  });

  it("requires general modules for a compound class, and an end after the start", () => {
    const errors = errorsByField(TrainingOrderSchema.safeParse({ ...order, kind: "COMPOUND", scheduleStart: "2027-03-01", scheduleEnd: "2027-02-01" }));
    expect(errors).toMatchObject({ generalModules: "emp.order.modulesRequired", scheduleEnd: "emp.order.endBeforeStart" });
    expect(TrainingOrderSchema.parse({ ...order, kind: "COMPOUND", generalModules: ["safety", "digital-skills"] }).generalModules).toEqual([
      "safety",
      "digital-skills",
    ]);
  });
});

describe("candidate actions", () => {
  const matchId = "5f0c8f7e-4a7b-4c44-9a39-3f1f0c6a1b11";
  it("needs a reason to decline and a start date and wage to hire", () => {
    expect(errorsByField(CandidateActionSchema.safeParse({ intent: "decline", matchId })).reason).toBe("emp.reasonRequired");
    expect(errorsByField(CandidateActionSchema.safeParse({ intent: "decline", matchId, reason: "other" })).reasonText).toBe("emp.reasonRequired");
    expect(errorsByField(CandidateActionSchema.safeParse({ intent: "hire", matchId }))).toMatchObject({
      startDate: "emp.candidates.startDateRequired",
      monthlyWage: "emp.posting.wageRequired",
    });
    expect(CandidateActionSchema.safeParse({ intent: "invite", matchId }).success).toBe(true);
  });
});

describe("empty number fields", () => {
  it("say the field is required rather than out of range", () => {
    expect(errorsByField(PostingSchema.safeParse({ ...posting, headcount: "", wageMin: " " }))).toMatchObject({
      headcount: "emp.posting.headcountRequired",
      wageMin: "emp.posting.wageRequired",
    });
  });
});

describe("not an object at all", () => {
  it("is refused as such, without a cross-field check tripping over it", () => {
    for (const schema of [PostingSchema, TrainingOrderSchema, EmployerSignupSchema, EmployerDecisionSchema]) {
      for (const input of [null, [], "x", 3]) expect(schema.safeParse(input).success).toBe(false);
    }
  });
});
