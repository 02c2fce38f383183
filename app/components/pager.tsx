// Pages of a GET search's results: links to the page before and after, keeping the rest of the
// query (the filters) as it is in the URL.
import { Link, useSearchParams } from "@remix-run/react";

/** Nothing when everything fits on one page. */
export function Pager({ page, total, pageSize, label }: { page: number; total: number; pageSize: number; label: string }) {
  const [params] = useSearchParams();
  const pages = Math.ceil(total / pageSize);
  if (pages <= 1) return null;
  const pageLink = (p: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(p));
    return `?${next}`;
  };
  return (
    <nav className="row" aria-label={label}>
      {page > 1 ? <Link to={pageLink(page - 1)}>← {page - 1}</Link> : null}
      <span>
        {page} / {pages}
      </span>
      {page < pages ? <Link to={pageLink(page + 1)}>{page + 1} →</Link> : null}
    </nav>
  );
}
