// "More" under a long list: a plain link to the same page asking for one page more (?limit=),
// so it works without JavaScript; the page keeps its scroll position when it does run.
import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { moreSearch, PAGE_SIZE } from "~/domain/paging";

export function MoreLink({ shown, total, max, param = "limit" }: { shown: number; total: number; max: number; param?: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  const reachable = Math.min(total, max);
  return (
    <p className="more-link muted" data-testid={`more-${param}`}>
      {t("lists.shown", { shown, total })}
      {shown < reachable ? (
        <>
          {" "}
          <Link to={{ search: moreSearch(new URLSearchParams(location.search), shown, max, param) }} preventScrollReset replace className="button secondary">
            {t("lists.more", { count: Math.min(PAGE_SIZE, reachable - shown) })}
          </Link>
        </>
      ) : null}
    </p>
  );
}
