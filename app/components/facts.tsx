// A record's facts as a definition list (`dl.facts`): a label and its value each; a fact the record
// lacks (an optional date, a reason) is given as false or null and left out.
import { Fragment } from "react";

export type Fact = { label: string; value: React.ReactNode; testId?: string };

export function Facts({ facts }: { facts: readonly (Fact | false | null | undefined | "" | 0)[] }) {
  return (
    <dl className="facts">
      {facts
        .filter((f): f is Fact => Boolean(f))
        .map((f) => (
          <Fragment key={f.label}>
            <dt>{f.label}</dt>
            <dd data-testid={f.testId}>{f.value}</dd>
          </Fragment>
        ))}
    </dl>
  );
}
