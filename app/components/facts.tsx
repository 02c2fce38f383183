// A record's facts as a definition list (`dl.facts`): a label and its value each; a fact given as
// false / null (one the record does not have) is left out.
import { Fragment } from "react";

export type Fact = readonly [label: string, value: React.ReactNode] | false | null | undefined | 0 | "";

export function Facts({ items }: { items: readonly Fact[] }) {
  return (
    <dl className="facts">
      {items.map((f) =>
        f ? (
          <Fragment key={f[0]}>
            <dt>{f[0]}</dt>
            <dd>{f[1]}</dd>
          </Fragment>
        ) : null,
      )}
    </dl>
  );
}
