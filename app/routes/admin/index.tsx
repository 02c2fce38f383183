import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Stats } from "~/components/stats";
import { requireUser } from "~/services/auth.server";
import { adminCounts } from "~/services/users.server";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["admin"] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["ADMIN"]);
  return adminCounts();
}

const COUNTS = [
  ["regions", "admin.countRegions"],
  ["occupations", "admin.countOccupations"],
  ["workers", "admin.countWorkers"],
  ["employers", "admin.countEmployers"],
  ["users", "admin.countUsers"],
] as const;

export default function AdminIndex() {
  const c = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return <Stats testId="admin-home" items={COUNTS.map(([key, label]) => ({ key, value: c[key], label: t(label) }))} />;
}
