// The submit buttons of a form, in a row: one per step the server offers (verify, reject, approve …),
// each sending its value under one name (`intent` unless told); all wait while a submission is under
// way. (forms.tsx's IntentButton is a form of its own with one button, for a step on one row.)
import { useNavigation } from "@remix-run/react";

export type SubmitButton = {
  /** Sent under `name`; a button without one only submits. */
  value?: string;
  label: string;
  /** The step the page expects (drawn as the primary button); the others are secondary. */
  primary?: boolean;
  testId?: string;
};

export function SubmitButtons({ name = "intent", buttons }: { name?: string; buttons: readonly SubmitButton[] }) {
  const nav = useNavigation();
  return (
    <div className="row actions">
      {buttons.map((b) => (
        <button
          key={b.value ?? b.label}
          type="submit"
          name={b.value === undefined ? undefined : name}
          value={b.value}
          className={b.primary ? "primary" : "secondary"}
          disabled={nav.state !== "idle"}
          data-testid={b.testId}
        >
          {b.label}
        </button>
      ))}
    </div>
  );
}
