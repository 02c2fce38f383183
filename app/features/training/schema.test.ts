import { describe, expect, it } from "vitest";
import { errorsByField } from "../../../test/setup/schema-fixtures";
import { AttendanceSchema, ClassSchema, DropSchema } from "./schema";

const base = {
  name: "育婴员第1期",
  providerId: "6f1c1f9e-5d2b-4a57-9d2c-2f5a4c1b7e10",
  occupationCode: "infant-carer",
  kind: "POST_BASED",
  regionCode: "130624",
  capacity: "30",
  attendanceThreshold: "80",
  startDate: "2026-12-01",
  endDate: "2026-12-20",
  weekdays: ["1", "3", "5"],
  startTime: "09:00",
  endTime: "17:00",
};

describe("class form schema", () => {
  it("reads a form post: numbers as typed, trainers split on Chinese commas, weekdays as numbers", () => {
    const r = ClassSchema.parse({ ...base, capacity: "３０人", trainers: "张老师，李老师、王老师", assessmentRequired: "on" });
    expect(r).toMatchObject({ capacity: 30, trainers: ["张老师", "李老师", "王老师"], weekdays: [1, 3, 5], assessmentRequired: true });
  });
  it("reports every problem at once, each on its field", () => {
    const r = ClassSchema.safeParse({ ...base, providerId: "", capacity: "0", endDate: "2026-11-30", endTime: "08:00", weekdays: [] });
    expect(errorsByField(r)).toMatchObject({
      providerId: "training.providerRequired",
      capacity: "training.capacityRange",
      endDate: "training.endBeforeStart",
      endTime: "training.endTimeBeforeStart",
      weekdays: "training.weekdaysRequired",
    });
  });
  it("refuses an impossible date and a malformed time", () => {
    expect(errorsByField(ClassSchema.safeParse({ ...base, startDate: "2026-02-30", startTime: "25:00" }))).toMatchObject({
      startDate: "training.dateFormat",
      startTime: "training.timeFormat",
    });
  });
});

describe("dropout and attendance schemas", () => {
  it("asks for details when the reason is 'other'", () => {
    const id = base.providerId;
    expect(errorsByField(DropSchema.safeParse({ enrollmentId: id, dropReason: "other", dropNote: " " }))).toEqual({ dropNote: "training.dropNoteRequired" });
    expect(DropSchema.safeParse({ enrollmentId: id, dropReason: "family" }).success).toBe(true);
  });
  it("accepts only present, absent and excused", () => {
    const id = base.providerId;
    expect(AttendanceSchema.safeParse({ marks: [{ enrollmentId: id, status: "PRESENT" }] }).success).toBe(true);
    expect(AttendanceSchema.safeParse({ marks: [{ enrollmentId: id, status: "LATE" }] }).success).toBe(false);
    expect(AttendanceSchema.safeParse({ marks: [] }).success).toBe(false);
  });
});
