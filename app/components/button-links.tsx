// A row of links drawn as buttons: the first is the page's main way on, the others secondary.
import { Link } from "@remix-run/react";

export function ButtonLinks({ links, as: Tag = "p", className = "row" }: { links: { to: string; label: string }[]; as?: "p" | "div"; className?: string }) {
  return (
    <Tag className={className}>
      {links.map((l, i) => (
        <Link key={l.to} className={i === 0 ? "button" : "button secondary"} to={l.to}>
          {l.label}
        </Link>
      ))}
    </Tag>
  );
}
