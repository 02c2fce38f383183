// What the registration form checks with in the browser: zod, conform's zod glue and the two
// schemas. registration-form.tsx loads this module when the form is first touched, not with the
// page, so a phone on a slow network can show and fill in the form sooner (issue 15).
export { parseWithZod } from "@conform-to/zod/v4";
export { validateOnBlur } from "~/components/validate-on-blur";
export { AssistedRegistrationSchema, SelfRegistrationSchema } from "./schema";
