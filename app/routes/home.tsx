import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ButtonLinks } from "~/components/button-links";
import { Stats } from "~/components/stats";
import { serverT } from "~/i18n/i18n";
import { platformSummary } from "~/services/summary.server";
import type { RouteStrings } from "~/i18n/namespaces";
import { Card } from "~/components/card";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["home"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "劳务桥" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const t = serverT(request);
  return { title: `${t("app.name")} · ${t("app.tagline")}`, summary: await platformSummary() };
}

const STATS = [
  ["povertyCounties", "home.statCounties"],
  ["workers", "home.statWorkers"],
  ["openPostings", "home.statPostings"],
  ["trainingOrders", "home.statOrders"],
] as const;

export default function Home() {
  const { summary } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <section className="card">
        <h1>{t("home.heroTitle")}</h1>
        <p>{t("home.heroBody")}</p>
        <ButtonLinks
          links={[
            { to: "/register", label: t("home.registerCta") },
            { to: "/login", label: t("home.signInCta") },
          ]}
        />
      </section>
      <h2>{t("home.stats")}</h2>
      <Stats items={STATS.map(([key, label]) => ({ key, value: summary[key], label: t(label) }))} />
      <div className="grid three" style={{ marginTop: "1rem" }}>
        <Card title={t("home.forSeekers")}>
          <p>{t("home.forSeekersBody")}</p>
        </Card>
        <Card title={t("home.forCoordinators")}>
          <p>{t("home.forCoordinatorsBody")}</p>
        </Card>
        <Card title={t("home.forEmployers")}>
          <p>{t("home.forEmployersBody")}</p>
          <p>
            <Link to="/employer/signup">{t("home.employerSignupCta")}</Link>
          </p>
        </Card>
      </div>
    </>
  );
}
