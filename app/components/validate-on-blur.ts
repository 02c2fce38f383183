// conform's `onValidate` for every form, apart from the components (app/components/forms.tsx): it
// brings zod and the schemas into the page, and a page may load it only when the form is first
// used (the public registration form does, to keep its first load light on a phone).
import { type Submission } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";

const passThrough = z.any();

/**
 * conform `onValidate`: the shared schema runs in the browser as the user leaves each field;
 * a submit always goes to the server, which runs the same schema and answers with every problem
 * next to its field (the same path a phone without JavaScript takes). conform 1.21 hides the
 * client-side errors of untouched fields when a pristine form is submitted, so letting the server
 * answer the submit is also the only way every error shows.
 */
export function validateOnBlur<S extends z.ZodType>(schema: S) {
  type Result = Submission<z.input<S>, string[], z.output<S>>;
  // conform marks its own validation round-trips (blur) with an intent field; a user's submit has none.
  return ({ formData }: { formData: FormData }): Result =>
    (formData.has("__intent__") ? parseWithZod(formData, { schema }) : parseWithZod(formData, { schema: passThrough })) as unknown as Result;
}
