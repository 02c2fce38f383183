// A record's own steps in a row (an employer's posting: publish, close …; an order: submit, withdraw):
// first the link to edit it while it may be edited, then a form of one button a step, so that a
// step may ask to be confirmed first. (SubmitButtons is the row of buttons inside one form.)
import { Form, Link } from "@remix-run/react";

export type Step = {
  /** Posted as `intent`. */
  intent: string;
  label: string;
  /** The step the page expects (drawn as a primary button); the others are secondary. */
  primary: boolean;
  /** Asked (window.confirm) before the step is posted. */
  confirm?: string;
};

export function StepForms({ edit, steps }: { edit: { to: string; label: string } | null; steps: readonly Step[] }) {
  return (
    <div className="row actions">
      {edit ? (
        <Link className="button secondary" to={edit.to}>
          {edit.label}
        </Link>
      ) : null}
      {steps.map((s) => (
        <Form
          method="post"
          key={s.intent}
          onSubmit={(e) => {
            if (s.confirm !== undefined && !window.confirm(s.confirm)) e.preventDefault();
          }}
        >
          <button type="submit" name="intent" value={s.intent} className={s.primary ? "primary" : "secondary"}>
            {s.label}
          </button>
        </Form>
      ))}
    </div>
  );
}
