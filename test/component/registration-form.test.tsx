// The public registration form (app/components/registration-form.tsx) inside a Remix stub of
// /register, with JavaScript (one step at a time): 下一步 checks the step and stays put on a
// problem, shown beside its field in the reader's language, with nothing typed lost and the
// step's circle marked; the server's field problems open their step beside the right field and
// keep what was typed. The e2e test (test/e2e/register.test.ts) runs the
// same form against the real server in a browser; this one pins the component's own behaviour.
import { parseWithZod } from "@conform-to/zod/v4";
import { useActionData } from "@remix-run/react";
import { createRemixStub } from "@remix-run/testing";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { RegistrationForm } from "~/features/registration/index";
import { makeResidentId } from "~/domain/resident-id";
import { SelfRegistrationSchema } from "~/features/registration/index";
import { registrationReplyOf, type RegistrationReply } from "~/platform/reply";
import { WithLocale, type Locale } from "../setup/component-i18n";
import { registrationOptionsFixture, townshipsFixture } from "./fixtures";
import { problemsOf } from "./queries";

const person = { id: makeResidentId("130624", "2001-03-04", 517), name: "刘春燕", phone: "13933334444", secret: "chunyan-2026" };
const wrongCheckDigit = person.id.slice(0, 17) + (person.id[17] === "1" ? "2" : "1");

/**
 * What register.tsx's action answers when it refuses a post: the server's own reply builder
 * (registrationReplyOf, which registrationReply sends), with the townships from the fixture where
 * the server reads them from the database.
 */
function serverReply(formData: FormData, extra: Parameters<typeof registrationReplyOf>[2]): RegistrationReply {
  return registrationReplyOf(parseWithZod(formData, { schema: SelfRegistrationSchema }), townshipsFixture, extra);
}

type Refusal = Parameters<typeof serverReply>[1];

/** /register as the route renders it, with /register/regions (the township cascade) beside it. */
function renderRegister({ locale = "zh-CN", refuse }: { locale?: Locale; refuse?: Refusal } = {}) {
  const posts: FormData[] = [];
  const Stub = createRemixStub([
    {
      path: "/register",
      Component: () => <RegistrationForm mode="self" options={registrationOptionsFixture()} actionData={useActionData() as RegistrationReply | undefined} />,
      action: async ({ request }) => {
        const formData = await request.formData();
        posts.push(formData);
        return Response.json(serverReply(formData, refuse ?? {}), { status: refuse?.duplicate ? 409 : 400 });
      },
    },
    {
      path: "/register/regions",
      loader: ({ request }) => {
        const parent = new URL(request.url).searchParams.get("parent") ?? "";
        return { parent, regions: townshipsFixture(parent) };
      },
    },
  ]);
  render(
    <WithLocale locale={locale}>
      <Stub initialEntries={["/register"]} />
    </WithLocale>,
  );
  return { posts };
}

const fill = (label: string, value: string) => fireEvent.input(screen.getByLabelText(label), { target: { value } });
/** A choice in a select, with the input event a browser sends (conform follows the form's values by it). */
function choose(label: string, optionText: string) {
  const select = screen.getByLabelText(label) as HTMLSelectElement;
  const option = within(select).getByRole("option", { name: optionText, hidden: true }) as HTMLOptionElement;
  fireEvent.input(select, { target: { value: option.value } });
  fireEvent.change(select, { target: { value: option.value } });
}
const click = (name: string) => fireEvent.click(screen.getByRole("button", { name }));
/** The line that tells where the person is ("第 1 步 / 共 5 步：身份信息", "Step 1 of 5: Identity"). */
const stepOf = () => screen.getByText(/^(第 \d 步 \/ 共 \d 步|Step \d of \d)/).textContent ?? "";

/** The step links of the indicator, by their accessible names ("身份信息 这一步有需要修改的地方"). */
function stepLinks(navName: string) {
  return within(screen.getByRole("navigation", { name: navName })).getAllByRole("link");
}

async function fillIdentity(id: string) {
  await screen.findByText(/第 1 步 \/ 共 5 步/);
  fill("姓名", person.name);
  fill("身份证号码", id);
  fill("手机号码", person.phone);
}

describe("registration form, one step at a time", () => {
  it("下一步 keeps a wrong ID on step ① beside its field, marks the step, keeps what was typed; corrected, it moves on", async () => {
    renderRegister();
    await fillIdentity(wrongCheckDigit);
    click("下一步");

    const id = screen.getByLabelText("身份证号码");
    await waitFor(() => expect(problemsOf(id).join()).toContain("身份证号码有误"));
    expect(id.getAttribute("aria-invalid")).toBe("true");
    expect(stepOf()).toContain("第 1 步 / 共 5 步");
    expect(screen.getByRole("region", { name: /身份信息/ })).toBeTruthy();
    expect(screen.queryByRole("region", { name: /户籍和家庭/ })).toBeNull();
    // The other fields are fine: no problem beside them, and what was typed is there.
    expect(problemsOf(screen.getByLabelText("姓名"))).toEqual([]);
    expect((screen.getByLabelText("姓名") as HTMLInputElement).value).toBe(person.name);
    expect((screen.getByLabelText("手机号码") as HTMLInputElement).value).toBe(person.phone);
    expect((id as HTMLInputElement).value).toBe(wrongCheckDigit);
    // Focus goes to the field in question.
    await waitFor(() => expect(document.activeElement).toBe(id));
    // Step ①'s circle says it needs corrections, to the eye (has-errors) and to a screen reader; the others do not.
    const links = stepLinks("登记步骤");
    expect(links[0].textContent).toContain("这一步有需要修改的地方");
    expect(links[0].closest("li")?.className).toContain("has-errors");
    expect(links[0].getAttribute("aria-current")).toBe("step");
    for (const link of links.slice(1)) expect(link.closest("li")?.className ?? "").not.toContain("has-errors");

    // Corrected (lower-case x is fine): the sex and birth date read from it show, and 下一步 moves on.
    fill("身份证号码", person.id.toLowerCase());
    await waitFor(() => expect(screen.getByTestId("id-derived").textContent).toContain("2001年3月4日"));
    expect(screen.getByTestId("id-derived").textContent).toContain("男");
    click("下一步");
    await waitFor(() => expect(stepOf()).toContain("第 2 步 / 共 5 步：户籍和家庭"));
    expect(screen.getByRole("region", { name: /户籍和家庭/ })).toBeTruthy();
    expect(screen.queryByRole("region", { name: /身份信息/ })).toBeNull();
    expect(stepLinks("登记步骤")[0].closest("li")?.className ?? "").not.toContain("has-errors");
  });

  it("the county's townships follow it, and everything survives going back and forth", async () => {
    renderRegister();
    await fillIdentity(person.id);
    click("下一步");
    await waitFor(() => expect(stepOf()).toContain("第 2 步"));
    // No county yet: the township select waits for one.
    expect((screen.getByLabelText("乡镇（选填）") as HTMLSelectElement).disabled).toBe(true);
    choose("户籍所在县（市、区）", "阜平县");
    await waitFor(() => expect(within(screen.getByLabelText("乡镇（选填）")).queryByRole("option", { name: "龙泉关镇" })).not.toBeNull());
    choose("乡镇（选填）", "龙泉关镇");
    fill("村（选填）", "黑崖沟村");
    // The household circumstances are asked only after their own consent.
    expect(screen.queryByLabelText("家里有在读学生")).toBeNull();
    fireEvent.click(screen.getByLabelText("我同意提供家庭困难情况，用于优先安排培训和就业帮扶"));
    fireEvent.click(await screen.findByLabelText("家里有在读学生"));

    click("上一步");
    await waitFor(() => expect(stepOf()).toContain("第 1 步"));
    expect((screen.getByLabelText("姓名") as HTMLInputElement).value).toBe(person.name);
    click("下一步");
    await waitFor(() => expect(stepOf()).toContain("第 2 步"));
    expect((screen.getByLabelText("户籍所在县（市、区）") as HTMLSelectElement).value).toBe("130624");
    expect((screen.getByLabelText("乡镇（选填）") as HTMLSelectElement).value).toBe("130624101");
    expect((screen.getByLabelText("村（选填）") as HTMLInputElement).value).toBe("黑崖沟村");
    expect((screen.getByLabelText("家里有在读学生") as HTMLInputElement).checked).toBe(true);
  });

  it("in English: Next on an empty step names each missing field beside it, in English", async () => {
    renderRegister({ locale: "en" });
    await screen.findByText(/Step 1 of 5: Identity/);
    fill("Full name", person.name);
    click("Next");
    const id = screen.getByLabelText("Resident ID number");
    await waitFor(() => expect(problemsOf(id)).toEqual(["Please enter the ID number"]));
    expect(problemsOf(screen.getByLabelText("Mobile number"))).toEqual(["Please enter a mobile number"]);
    expect(problemsOf(screen.getByLabelText("Full name"))).toEqual([]);
    expect((screen.getByLabelText("Full name") as HTMLInputElement).value).toBe(person.name);
    expect(stepOf()).toContain("Step 1 of 5");
    expect(stepLinks("Registration steps")[0].textContent).toContain("This step needs corrections");
    // No Chinese on the English page's problems.
    for (const alert of screen.getAllByRole("alert")) expect(alert.textContent).not.toMatch(/[\u4e00-\u9fff]/);
  });
});

/** Through all five steps to 提交登记 (the optional steps left empty). */
async function completeAndSubmit() {
  await fillIdentity(person.id);
  click("下一步");
  await waitFor(() => expect(stepOf()).toContain("第 2 步"));
  choose("户籍所在县（市、区）", "阜平县");
  await waitFor(() => expect(within(screen.getByLabelText("乡镇（选填）")).queryByRole("option", { name: "龙泉关镇" })).not.toBeNull());
  choose("乡镇（选填）", "龙泉关镇");
  fill("村（选填）", "黑崖沟村");
  for (const n of [3, 4, 5]) {
    click("下一步");
    await waitFor(() => expect(stepOf()).toContain(`第 ${n} 步`));
  }
  fill("设置登录密码", person.secret);
  fill("再输一遍密码", person.secret);
  fireEvent.click(screen.getByLabelText("我已阅读并同意《个人信息使用说明》"));
  click("提交登记");
}

describe("registration form, the server's answer", () => {
  it("a field problem only the server knows opens its step, beside the right field, with everything typed kept", async () => {
    const { posts } = renderRegister({ refuse: { problems: [{ field: "townshipCode", message: "reg.townshipMismatch" }] } });
    await completeAndSubmit();
    await waitFor(() => expect(stepOf()).toContain("第 2 步 / 共 5 步"));
    expect(posts).toHaveLength(1);
    expect(posts[0].get("idNumber")).toBe(person.id);

    const township = screen.getByLabelText("乡镇（选填）");
    await waitFor(() => expect(problemsOf(township)).toEqual(["所选乡镇不属于该县"]));
    expect(township.getAttribute("aria-invalid")).toBe("true");
    expect(problemsOf(screen.getByLabelText("户籍所在县（市、区）"))).toEqual([]);
    expect(screen.getByRole("status").textContent).toContain("有几处需要修改");
    const links = stepLinks("登记步骤");
    expect(links[1].closest("li")?.className).toContain("has-errors");
    expect(links[1].textContent).toContain("这一步有需要修改的地方");
    expect(links[0].closest("li")?.className ?? "").not.toContain("has-errors");
    // What was typed is all there, the county's townships with it; the password stays in the page
    // (the reply never carries it) and need not be typed again.
    expect((screen.getByLabelText("村（选填）") as HTMLInputElement).value).toBe("黑崖沟村");
    expect((township as HTMLSelectElement).value).toBe("130624101");
    expect((screen.getByLabelText("姓名") as HTMLInputElement).value).toBe(person.name);
    expect((screen.getByLabelText("身份证号码") as HTMLInputElement).value).toBe(person.id);
    expect((screen.getByLabelText("设置登录密码") as HTMLInputElement).value).toBe(person.secret);
  });

  it("in English: an ID registered before says so beside the ID and tells how to sign in", async () => {
    renderRegister({
      locale: "en",
      refuse: { formErrors: ["reg.duplicateTitle"], problems: [{ field: "idNumber", message: "reg.idAlreadyRegistered" }], duplicate: true },
    });
    await screen.findByText(/Step 1 of 5/);
    fill("Full name", person.name);
    fill("Resident ID number", person.id);
    fill("Mobile number", person.phone);
    click("Next");
    await waitFor(() => expect(stepOf()).toContain("Step 2 of 5"));
    choose("County of household registration", "Tang County");
    for (const n of [3, 4, 5]) {
      click("Next");
      await waitFor(() => expect(stepOf()).toContain(`Step ${n} of 5`));
    }
    fill("Choose a password", person.secret);
    fill("Type the password again", person.secret);
    fireEvent.click(screen.getByLabelText("I have read and accept the personal information notice"));
    click("Register");

    await waitFor(() => expect(stepOf()).toContain("Step 1 of 5"));
    const id = screen.getByLabelText("Resident ID number");
    await waitFor(() => expect(problemsOf(id)).toEqual(["This ID number is already registered"]));
    expect((id as HTMLInputElement).value).toBe(person.id);
    const notice = screen.getAllByRole("alert").find((a) => a.textContent?.includes("Each person registers once"));
    expect(notice?.textContent).toContain("Forgot the password?");
    expect(within(notice!).getByRole("link", { name: "Sign in" }).getAttribute("href")).toBe("/login");
  });
});
