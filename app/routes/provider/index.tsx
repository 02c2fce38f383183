import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/services/auth.server";
import { providerHome } from "~/services/provider.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { principal } = await requireUser(request, ["PROVIDER_STAFF"]);
  return providerHome(principal);
}

export default function ProviderHome() {
  const { provider, classes } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <>
      <h1 data-testid="provider-home">{t("provider.title")}{provider ? ` · ${provider.name}` : ""}</h1>
      <section className="card">
        <h2>{t("provider.classes")}</h2>
        {classes.length === 0 ? <p className="empty">{t("provider.noClasses")}</p> : (
          <div className="table-wrap"><table>
            <thead><tr><th>{t("provider.className")}</th><th>{t("provider.occupation")}</th><th>{t("provider.dates")}</th><th>{t("provider.enrolled")} / {t("provider.capacity")}</th></tr></thead>
            <tbody>{classes.map((c) => (
              <tr key={c.id}><td>{c.name}</td><td>{i18n.language === "en" ? c.occupation.nameEn : c.occupation.nameZh}</td><td>{c.startDate.slice(0, 10)} – {c.endDate.slice(0, 10)}</td><td>{c._count.enrollments} / {c.capacity}</td></tr>
            ))}</tbody>
          </table></div>
        )}
      </section>
    </>
  );
}
