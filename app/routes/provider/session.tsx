// Attendance for provider staff: the session's day until 48 hours after it ends.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { AttendanceSheet } from "~/features/training/index";
import { requireProviderStaff } from "~/services/auth.server";
import { sessionPageAction, sessionPageData } from "~/features/training/index.server";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["emp", "reg", "subsidy", "training"] };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { principal } = await requireProviderStaff(request, context);
  return sessionPageData(principal, params.classId ?? "", params.sessionId ?? "");
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { principal } = await requireProviderStaff(request, context);
  return sessionPageAction(principal, request, params.classId ?? "", params.sessionId ?? "");
}

export default function ProviderSession() {
  const data = useLoaderData<typeof loader>();
  return <AttendanceSheet key={data.session.id} data={data} base={`/provider/classes/${data.cls.id}`} />;
}
