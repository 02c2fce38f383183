// Coordinators: the classes in their region and live completion rates by class, order, provider,
// occupation and county.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ClassList, RatesTable } from "~/features/training/index";
import { requireCoordinator } from "~/services/auth.server";
import { listClasses } from "~/features/training/index.server";
import { RATE_DIMENSIONS } from "~/domain/training-class";
import { completionRates } from "~/features/training/index.server";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["emp", "reg", "subsidy", "training"] };

const QuerySchema = z.object({ by: z.enum(RATE_DIMENSIONS).catch("county") });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { principal } = await requireCoordinator(request, context);
  const { by } = QuerySchema.parse({ by: new URL(request.url).searchParams.get("by") ?? "county" });
  const [classes, rates] = await Promise.all([listClasses(principal), completionRates(principal, by)]);
  return { classes: classes.map((c) => ({ ...c, startDate: c.startDate.toISOString(), endDate: c.endDate.toISOString() })), rates, by };
}

export default function CoordinatorClasses() {
  const { classes, rates, by } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <h1 data-testid="classes-title">{t("training.title")}</h1>
      <p className="row">
        <Link className="button" to="/coordinator/classes/new" data-testid="class-new">
          {t("training.newClass")}
        </Link>
      </p>
      <RatesTable rows={rates} by={by} dimensions={RATE_DIMENSIONS} path="/coordinator/classes" />
      <section className="card">
        <ClassList rows={classes} base="/coordinator/classes" />
      </section>
    </>
  );
}
