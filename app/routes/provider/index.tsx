// Provider staff: today's sessions first (one tap to take attendance), their classes, and the
// provider's completion rates.
import { chinaClock } from "~/platform/china-time";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ItemList } from "~/components/item-list";
import { ClassList, RatesTable } from "~/features/training/index";
import { requireProviderStaff } from "~/services/auth.server";
import { providerClasses } from "~/features/training/index.server";
import { completionRates } from "~/features/training/index.server";
import { Card } from "~/components/card";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["emp", "reg", "subsidy", "training"] };

const DIMENSIONS = ["class", "occupation", "order"] as const;
const QuerySchema = z.object({ by: z.enum(DIMENSIONS).catch("class") });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { principal } = await requireProviderStaff(request, context);
  const { by } = QuerySchema.parse({ by: new URL(request.url).searchParams.get("by") ?? "class" });
  const [home, rates] = await Promise.all([providerClasses(principal), completionRates(principal, by)]);
  return { ...home, rates, by };
}

export default function ProviderHome() {
  const { provider, classes, today, rates, by } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <h1 data-testid="provider-home">
        {t("training.provider.title")}
        {provider ? ` · ${provider.name}` : ""}
      </h1>
      <Card title={t("training.provider.today")}>
        <ItemList
          rows={today}
          rowKey={(s) => s.id}
          empty={t("training.provider.noToday")}
          testId="today-sessions"
          itemProps={() => ({ className: "row spread", "data-testid": "today-session" })}
          item={(s) => (
            <>
              <span>
                <strong>{s.className}</strong>
                <br />
                <small className="muted">
                  {chinaClock(new Date(s.startsAt))}–{chinaClock(new Date(s.endsAt))}
                  {s.topic ? ` · ${s.topic}` : ""}
                </small>
              </span>
              <Link className="button" to={`/provider/classes/${s.classId}/sessions/${s.id}`} data-testid="today-mark">
                {s.marked ? t("training.cls.marked") : t("training.cls.markAttendance")}
              </Link>
            </>
          )}
        />
      </Card>
      <Card title={t("training.provider.classes")}>
        <ClassList rows={classes} base="/provider/classes" />
      </Card>
      <RatesTable rows={rates} by={by} dimensions={DIMENSIONS} path="/provider" />
    </>
  );
}
