// Payment batches of the coordinator's region, newest first.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { yuan } from "~/features/subsidies/index";
import { BackLink } from "~/components/back-link";
import { ItemList } from "~/components/item-list";
import { requireCoordinator } from "~/services/auth.server";
import { listBatches } from "~/features/subsidies/index.server";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["subsidy"] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { principal } = await requireCoordinator(request, context);
  return { batches: await listBatches(principal) };
}

export default function Batches() {
  const { batches } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <BackLink to="/coordinator/subsidies">← {t("subsidy.claims.title")}</BackLink>
      <h1 data-testid="batches-title">{t("subsidy.batches.title")}</h1>
      <section className="card">
        <ItemList
          rows={batches}
          testId="batches-list"
          empty={t("subsidy.batches.empty")}
          itemProps={(b) => ({ "data-testid": "batch-row", "data-status": b.status })}
          item={(b) => (
            <>
              <Link to={`/coordinator/subsidies/batches/${b.id}`}>{b.number}</Link>{" "}
              <span className={b.status === "RECONCILED" ? "badge ok" : "badge warn"}>{t(`subsidy.batches.status${b.status}`)}</span>
            </>
          )}
          detail={(b) => (
            <>
              {t("subsidy.batches.claims")} {b.claimCount} · {t("subsidy.claims.yuan", { amount: yuan(b.totalAmount) })} · {t("subsidy.batch.paid")}{" "}
              {b.paidCount} · {t("subsidy.batch.failed")} {b.failedCount}
            </>
          )}
        />
      </section>
    </>
  );
}
