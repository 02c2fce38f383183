// Tabs over one list as a row of badge links (?status=open …), the current one marked for screen
// readers; each tab is a plain link, so they work without JavaScript.
import { Link } from "@remix-run/react";

export function TabLinks({ label, current, tabs }: { label: string; current: string; tabs: readonly { key: string; to: string; label: string }[] }) {
  return (
    <nav className="row" aria-label={label}>
      {tabs.map((tab) => (
        <Link key={tab.key} to={tab.to} className={tab.key === current ? "badge warn" : "badge"} aria-current={tab.key === current ? "page" : undefined}>
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
