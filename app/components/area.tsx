// The frame every signed-in area (admin, coordinator, provider, employer, me) draws around its
// pages, and the error page shown by the root and by each area's error boundary.
import { Link, NavLink, Outlet, isRouteErrorResponse, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { ParseKeys } from "i18next";
import { EMPLOYER_SUSPENDED } from "~/domain/access";
import { isSearchUnavailable } from "~/domain/search";
import { DEFAULT_LOCALE, getI18n, type Locale } from "~/i18n/i18n";

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

/** An area's navigation as data: the words are message keys (the frame translates them), the paths absolute. */
export type AreaNavSpec = {
  /** The area's name: the navigation's label, and the way back from an error page. */
  name: ParseKeys;
  /** The area's home page: its first link (current only there), where an error page leads back to. */
  home: string;
  /** The home link's words, when they are not the area's name. */
  homeLabel?: ParseKeys;
  /** A heading over every page of the area. */
  title?: ParseKeys;
  /** The links after the home page's. */
  links?: { to: string; label: ParseKeys; testId?: string }[];
};

/**
 * An area's layout component and error boundary. The navigation is drawn only when the area's
 * loader has let the user in (its data is there): someone refused at the door sees the error alone.
 * `nav` may be worked out from the layout's loader data (undefined when the user was not let in).
 */
export function areaFrame<D = unknown>(routeId: string, nav: AreaNavSpec | ((data: D | undefined) => AreaNavSpec)) {
  function useNav() {
    const { t } = useTranslation();
    const data = useRouteLoaderData(routeId) as D | undefined;
    const spec = typeof nav === "function" ? nav(data) : nav;
    const links: AreaLink[] = [
      { to: spec.home, label: t(spec.homeLabel ?? spec.name), end: true },
      ...(spec.links ?? []).map((l) => ({ ...l, label: t(l.label) })),
    ];
    return { admitted: data !== undefined, title: spec.title ? t(spec.title) : null, label: t(spec.name), home: spec.home, links };
  }
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
    const nav = useNav();
    return (
      <>
        {nav.admitted && nav.title ? <h2>{nav.title}</h2> : null}
        {nav.admitted ? <AreaNav label={nav.label} links={nav.links} /> : null}
        <ErrorPage home={nav.admitted ? { to: nav.home, label: nav.label } : undefined} />
      </>
    );
  }
  /**
   * The browser tab's title, in the page's language, for every page of the area without a `meta` of
   * its own (Remix uses the nearest one): the area's link the page is under, else the area's name.
   */
  const meta: MetaFunction = (args) => {
    const spec = typeof nav === "function" ? nav(args.data as D | undefined) : nav;
    const pathOf = (to: string) => to.split("?")[0];
    const under = (to: string) => args.location.pathname === pathOf(to) || args.location.pathname.startsWith(`${pathOf(to)}/`);
    const link = (spec.links ?? []).filter((l) => under(l.to)).sort((a, b) => pathOf(b.to).length - pathOf(a.to).length)[0];
    return titleMeta(link?.label ?? spec.name)(args);
  };
  return { Layout, ErrorBoundary, meta };
}

/**
 * An area layout's loader: the area's door (requireEmployer & co.) once per page, and an empty
 * answer that tells the frame the user was let in. Only a route's `loader` export may call it, so
 * the browser build drops the call and the door's server import with it.
 */
export function areaLoader(door: (request: Request, context: unknown) => Promise<unknown>) {
  return async ({ request, context }: LoaderFunctionArgs) => {
    await door(request, context);
    return {};
  };
}

/** A page's title in the page's language (the root's locale): its words, if any, then the platform's name. */
export function titleMeta(key?: ParseKeys): MetaFunction {
  return ({ matches }) => {
    const root = matches.find((m) => m.id === "root")?.data as { locale?: Locale } | undefined;
    const { t } = getI18n(root?.locale ?? DEFAULT_LOCALE);
    return [{ title: key ? `${t(key)} · ${t("app.name")}` : t("app.name") }];
  };
}
