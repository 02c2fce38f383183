// The frame every signed-in area (admin, coordinator, provider, employer, me) draws around its
// pages, and the error page shown by the root and by each area's error boundary.
import { Link, NavLink, Outlet, isRouteErrorResponse, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EMPLOYER_SUSPENDED } from "~/domain/access";
import { isSearchUnavailable } from "~/domain/search";

export type AreaLink = { to: string; label: string; end?: boolean; testId?: string };

/** The area's navigation: one wrapping row of links, the current one marked by NavLink. */
export function AreaNav({ label, links }: { label: string; links: AreaLink[] }) {
  return (
    <nav className="row area-nav no-print" aria-label={label} data-testid="area-nav">
      {links.map((l) => (
        <NavLink key={l.to} to={l.to} end={l.end} data-testid={l.testId}>
          {l.label}
        </NavLink>
      ))}
    </nav>
  );
}

/**
 * A 403/404/500 (and the two refusals with their own words: a suspended employer, search down) in
 * the user's language; `home` is where the way back leads (the area's home page, else the site's).
 */
export function ErrorPage({ home }: { home?: { to: string; label: string } }) {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const suspended = isRouteErrorResponse(error) && error.data === EMPLOYER_SUSPENDED;
  const searchDown = isRouteErrorResponse(error) && status === 503 && isSearchUnavailable(error.data);
  const message = suspended
    ? t("errors.employerSuspended")
    : searchDown
      ? t("search.unavailable")
      : status === 403
        ? t("errors.forbidden")
        : status === 404
          ? t("errors.notFound")
          : t("common.errorBody");
  return (
    <section className="card" data-testid="error-page">
      <h1>{searchDown ? t("search.unavailableTitle") : status === 500 ? t("common.errorTitle") : status}</h1>
      <p>{message}</p>
      <p>
        <Link to={home?.to ?? "/"}>{home?.label ?? t("nav.home")}</Link>
      </p>
    </section>
  );
}

/**
 * An area's layout component and error boundary. The navigation is drawn only when the area's
 * loader has let the user in (its data is there): someone refused at the door sees the error alone.
 * `useNav` reads the layout's data with useRouteLoaderData(routeId), which the boundary can use too.
 */
export function areaFrame(
  routeId: string,
  useNav: () => { label: string; home: string; links: AreaLink[]; /** a heading over every page of the area */ title?: string },
) {
  function Layout() {
    const nav = useNav();
    return (
      <>
        {nav.title ? <h1>{nav.title}</h1> : null}
        <AreaNav label={nav.label} links={nav.links} />
        <Outlet />
      </>
    );
  }
  function ErrorBoundary() {
    const admitted = useRouteLoaderData(routeId) !== undefined;
    const nav = useNav();
    return (
      <>
        {admitted && nav.title ? <h2>{nav.title}</h2> : null}
        {admitted ? <AreaNav label={nav.label} links={nav.links} /> : null}
        <ErrorPage home={admitted ? { to: nav.home, label: nav.label } : undefined} />
      </>
    );
  }
  return { Layout, ErrorBoundary };
}

/** An area whose navigation is its one home page (the employer's, the provider staff's): the area's name links there. */
export function oneLinkArea(routeId: string, home: string, name: "nav.employer" | "nav.provider") {
  return areaFrame(routeId, function useOneLinkNav() {
    const { t } = useTranslation();
    return { label: t(name), home, links: [{ to: home, label: t(name), end: true }] };
  });
}
