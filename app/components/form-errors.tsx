// What a form says above its fields: the problems of the whole form (a refused step, a lost race),
// and on a long form, after a refused post, a note that the fields below have problems of their own.
import type { FormMetadata } from "@conform-to/react";
import { ErrorList } from "./forms";

/** Problems that concern the whole form (a refused step, a lost race), above it. */
export function FormErrors({ id, errors }: { id?: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <div className="form-error">
      <ErrorList id={id} errors={errors} />
    </div>
  );
}

/** A conform form's own problems, and `fixBelow` (read out politely) when a field has problems beside it. */
export function FormProblems<S extends Record<string, unknown>>({ form, fixBelow }: { form: FormMetadata<S, string[]>; fixBelow: string }) {
  const hasFieldErrors = Object.entries(form.allErrors).some(([name, e]) => name !== "" && e.length > 0);
  return (
    <>
      <FormErrors id={form.errorId} errors={form.errors} />
      {form.status === "error" && hasFieldErrors ? (
        <p className="form-error" role="status">
          {fixBelow}
        </p>
      ) : null}
    </>
  );
}
