// The card at the top of one record's page (an employer, an order, a posting, a placement): the way
// back to its list when it has one, its heading with its status, what the last action did, and the
// problems of the page's own forms; the record's facts and actions follow inside the card.
import { BackLink } from "./back-link";
import { FormErrors } from "./form-errors";
import { Message } from "./message";

export function RecordCard({
  back,
  title,
  badge,
  testId,
  done,
  errors,
  children,
}: {
  back?: { to: string; label: string };
  title: React.ReactNode;
  /** The record's status, after its name in the heading. */
  badge: React.ReactNode;
  /** The heading's test id. */
  testId: string;
  /** What the last action did (nothing drawn when there is nothing to say). */
  done?: React.ReactNode;
  errors?: string[];
  children: React.ReactNode;
}) {
  return (
    <>
      {back ? <BackLink to={back.to}>← {back.label}</BackLink> : null}
      <section className="card">
        <h1 data-testid={testId}>
          {title} {badge}
        </h1>
        <Message>{done}</Message>
        <FormErrors errors={errors} />
        {children}
      </section>
    </>
  );
}
