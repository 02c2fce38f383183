// A page that is one form (sign-up, registration, a new or edited posting or order): the narrow
// card with the page's heading, and above it, when the form edits something, the way back to it.
import { Link } from "@remix-run/react";

export function FormCard({ title, back, children }: { title: string; back?: { to: string; label: string }; children: React.ReactNode }) {
  return (
    <>
      {back ? (
        <p>
          <Link to={back.to}>← {back.label}</Link>
        </p>
      ) : null}
      <section className="card reg-card">
        <h1>{title}</h1>
        {children}
      </section>
    </>
  );
}
