// Coordinators: training orders in their region (where the class runs, or its provider), those
// awaiting approval first.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { TRAINING_ORDER_STATUSES } from "~/domain/training-order";
import { ListCard } from "~/components/list-card";
import { StatusFilter } from "~/components/status-filter";
import { requireCoordinator } from "~/services/auth.server";
import { listOrdersForReview } from "~/features/training/index.server";
import type { RouteStrings } from "~/i18n/namespaces";
import { StatusBadge } from "~/components/status-badge";
import { useLocalName, usePunct } from "~/components/local-name";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["admin", "emp", "employer", "reg"] };

const FilterSchema = z.object({ status: z.enum(TRAINING_ORDER_STATUSES).optional().catch(undefined) });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { principal } = await requireCoordinator(request, context);
  const filter = FilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  // Awaiting approval is what a coordinator comes here for.
  const status = new URL(request.url).searchParams.has("status") ? filter.status : "SUBMITTED";
  return { status: status ?? "", ...(await listOrdersForReview(principal, { status })) };
}

export default function CoordinatorOrders() {
  const { rows, counts, status } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const name = useLocalName();
  const occupationName = (o: { nameEn: string; nameZh: string }) => (i18n.language === "en" ? o.nameEn : o.nameZh);
  const punct = usePunct();
  return (
    <>
      <h1 data-testid="orders-title">{t("emp.staff.ordersTitle")}</h1>
      <StatusFilter
        id="order-status"
        label={t("emp.staff.orderStatus")}
        all={t("emp.staff.allStatuses")}
        statuses={TRAINING_ORDER_STATUSES.filter((s) => s !== "DRAFT").map((s) => ({
          value: s,
          label: `${t(`emp.orderStatus.${s}`)}${punct.open}${counts[s] ?? 0}${punct.close}`,
        }))}
        value={status}
        submit={t("emp.staff.filter")}
      />
      <ListCard
        rows={rows}
        testId="order-list"
        empty={t("emp.staff.noOrders")}
        item={(o) => (
          <>
            <Link to={`/coordinator/orders/${o.id}`}>{o.title}</Link> <span className="badge">{t(`trainingKind.${o.kind}`)}</span>{" "}
            <StatusBadge kind="order" status={o.status} />
          </>
        )}
        detail={(o) => (
          <>
            {o.employer.name} · {occupationName(o.occupation)} · {name(o.locationRegion)} · {t("emp.staff.classSize")} {o.classSize}
          </>
        )}
      />
    </>
  );
}
