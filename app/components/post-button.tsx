// A step on one record of a list (reveal, remove, retry) as a one-button form: it posts the record's
// hidden fields and, when given, an intent; a plain form, so it works without JavaScript.
import { Form } from "@remix-run/react";

export function PostButton({
  fields,
  intent,
  className = "secondary",
  children,
}: {
  /** Hidden fields naming the record (`{ evidenceId: id }`). */
  fields: Record<string, string>;
  /** Sent as `intent` by the button. */
  intent?: string;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <Form method="post">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" name={intent === undefined ? undefined : "intent"} value={intent} className={className}>
        {children}
      </button>
    </Form>
  );
}
