// The way back to the list a page was opened from, on its own line above the page.
import { Link } from "@remix-run/react";

export function BackLink({ to, children }: { to: string; children: React.ReactNode }) {
  return (
    <p>
      <Link to={to}>{children}</Link>
    </p>
  );
}
