// conform's useForm as every validated form here sets it up: the schema checks each field as the
// user leaves it (validateOnBlur), and the server's last answer shows beside the fields.
import { useForm, type SubmissionResult } from "@conform-to/react";
import type { z } from "zod";
import { validateOnBlur } from "./validate-on-blur";

type Options<S extends z.ZodType> = Omit<
  Parameters<typeof useForm<z.input<S> & Record<string, unknown>, z.output<S>>>[0],
  "lastResult" | "onValidate" | "shouldValidate"
>;

/** A form for `schema` showing `lastResult` (the action's reply); `options` adds the rest of useForm's (an id, defaults, revalidation). */
export function useBlurForm<S extends z.ZodType>(schema: S, lastResult: SubmissionResult<string[]> | null | undefined, options?: Options<S>) {
  return useForm<z.input<S> & Record<string, unknown>, z.output<S>>({ ...options, lastResult, onValidate: validateOnBlur(schema), shouldValidate: "onBlur" });
}
