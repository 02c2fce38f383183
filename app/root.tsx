import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, Links, Meta, Outlet, Scripts, ScrollRestoration, useLocation, useMatches, useRouteLoaderData } from "@remix-run/react";
import { Suspense } from "react";
import { I18nextProvider, useTranslation } from "react-i18next";
import { ErrorPage, titleMeta } from "~/components/area";
import { useKeepFocusOnButtons } from "~/components/keep-focus";
import { useNonce } from "~/components/nonce";
import { getI18n, hasNamespaces, loadNamespaces, localeFromRequest, pickNamespaces, type Locale } from "~/i18n/i18n";
import { I18N_SCRIPT_ID, type Namespace, pageNamespaces, ROOT_NAMESPACES } from "~/i18n/namespaces";
import { sessionUserOnce, takeSignInNotice } from "~/services/auth.server";
import stylesHref from "~/styles.css?url";

/** The strings every page needs; each route adds its own (`handle.i18n`, see app/i18n/namespaces.ts). */
export const handle = { i18n: ROOT_NAMESPACES };

/** The platform's name, for a page with no title of its own (areas and most pages name themselves). */
export const meta = titleMeta();

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesHref }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await sessionUserOnce(request, context);
  return {
    locale: localeFromRequest(request),
    user: user ? { displayName: user.displayName, homePath: user.homePath, roles: user.principal.grants.map((g) => g.role) } : null,
    /** Failed sign-ins on this account since its previous sign-in (shown once). */
    failedSignIns: user ? await takeSignInNotice(user) : null,
  };
}

export type RootData = Awaited<ReturnType<typeof loader>>;

export function useRootData(): RootData | undefined {
  return useRouteLoaderData<typeof loader>("root");
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRootData();
  const locale: Locale = data?.locale ?? "zh-CN";
  const i18n = getI18n(locale);
  const nonce = useNonce();
  const namespaces = pageNamespaces(useMatches());
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#b3261e" />
        <link rel="icon" href="data:," />
        <Meta />
        <Links />
      </head>
      <body>
        <I18nextProvider i18n={i18n}>
          <Shell>
            <Suspense fallback={null}>
              <PageStrings locale={locale} namespaces={namespaces}>
                {children}
              </PageStrings>
            </Suspense>
          </Shell>
        </I18nextProvider>
        <PageStringsScript locale={locale} namespaces={namespaces} nonce={nonce} />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

/**
 * A client-side navigation to a page needing namespaces the browser lacks waits for them
 * (suspends inside the navigation's transition, so the previous page stays until they are in):
 * no page ever renders a raw key.
 */
function PageStrings({ locale, namespaces, children }: { locale: Locale; namespaces: Namespace[]; children: React.ReactNode }) {
  if (!hasNamespaces(locale, namespaces)) throw loadNamespaces(locale, namespaces);
  return <>{children}</>;
}

/**
 * The page's namespaces in its language, as inline JSON (not executed; nonce'd all the same). A
 * page whose strings are many (a staff page naming several areas) carries the root's only and
 * names the rest, which the browser fetches as hashed, year-cached chunks before it hydrates: the
 * HTML stays small (list pages ≤ 100 KB, issue 15) and a desk's strings are fetched once, not
 * with every page. /register's few strings travel inline (no extra round trip on a phone).
 */
function PageStringsScript({ locale, namespaces, nonce }: { locale: Locale; namespaces: Namespace[]; nonce?: string }) {
  const inlineAll = namespaces.reduce((n, ns) => n + stringsLength(locale, ns), 0) <= INLINE_STRINGS_MAX;
  const load = inlineAll ? [] : namespaces.filter((ns) => !ROOT_NAMESPACES.includes(ns));
  const strings = pickNamespaces(locale, inlineAll ? namespaces : ROOT_NAMESPACES);
  const json = JSON.stringify({ locale, strings, load }).replace(/</g, "\\u003c");
  return <script id={I18N_SCRIPT_ID} type="application/json" nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: json }} />;
}

/** Characters of strings a page carries inline at most (/register's are ~14,000). */
const INLINE_STRINGS_MAX = 16_384;

/** A namespace's size as JSON, measured once per language (the strings do not change while running). */
const lengths = new Map<string, number>();
function stringsLength(locale: Locale, ns: Namespace): number {
  const key = `${locale}:${ns}`;
  let n = lengths.get(key);
  if (n === undefined) {
    const picked = pickNamespaces(locale, [ns]);
    n = JSON.stringify(picked).length;
    // The browser may not hold it yet (it fetches a page's namespaces lazily): measured once it does.
    if (picked[ns]) lengths.set(key, n);
  }
  return n;
}

function Shell({ children }: { children: React.ReactNode }) {
  const { t } = useTranslation();
  const data = useRootData();
  const location = useLocation();
  const nextLocale = data?.locale === "en" ? "zh-CN" : "en";
  return (
    <>
      <a className="skip" href="#main">
        {t("app.skip")}
      </a>
      <header className="topbar">
        <Link to="/" className="brand" aria-label={t("app.name")}>
          <span className="brand-mark" aria-hidden="true">
            桥
          </span>
          <span>{t("app.name")}</span>
        </Link>
        <nav aria-label={t("nav.menu")} className="topnav">
          {data?.user ? (
            <>
              <Link to={data.user.homePath}>{data.user.displayName}</Link>
              <Form method="post" action="/logout">
                <button type="submit" className="linklike">
                  {t("nav.signOut")}
                </button>
              </Form>
            </>
          ) : (
            <Link to="/login">{t("nav.signIn")}</Link>
          )}
          <Form method="post" action="/set-locale" reloadDocument>
            <input type="hidden" name="locale" value={nextLocale} />
            <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
            <button type="submit" className="linklike" lang={nextLocale}>
              {t("nav.language")}
            </button>
          </Form>
        </nav>
      </header>
      <main id="main">
        {data?.failedSignIns ? (
          <p className="notice" role="status" data-testid="failed-sign-ins">
            {t("login.failedSignInsNotice", { count: data.failedSignIns })}
          </p>
        ) : null}
        {children}
      </main>
      <footer className="footer">{t("app.tagline")}</footer>
    </>
  );
}

export default function App() {
  useKeepFocusOnButtons();
  return <Outlet />;
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
