// How the coordinators' lists show a job seeker (its own file: the strings are the caller's, so a
// page that shows a name declares no namespace of the worker list's).
import { Link } from "@remix-run/react";

/**
 * A job seeker's name, a link to their page (plain, with `outside` beside it, when they are outside
 * the reader's region), and the registered-poor badge.
 */
export function WorkerName({
  id,
  fullName,
  poor,
  poorLabel,
  outside,
}: {
  id: string;
  fullName: string;
  poor: boolean | null;
  poorLabel: string;
  outside?: string;
}) {
  return (
    <>
      {outside !== undefined ? (
        <>
          {fullName} <small className="muted">{outside}</small>
        </>
      ) : (
        <Link to={`/coordinator/workers/${id}`}>{fullName}</Link>
      )}
      {poor ? (
        <>
          {" "}
          <span className="badge red">{poorLabel}</span>
        </>
      ) : null}
    </>
  );
}
