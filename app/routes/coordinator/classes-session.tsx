// Attendance for coordinators: as provider staff within 48 hours; after that, corrections with a reason.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { AttendanceSheet } from "~/features/training/index";
import { requireUser } from "~/services/auth.server";
import { sessionPageAction, sessionPageData } from "~/features/training/index.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { principal } = await requireUser(request, ["COORDINATOR"]);
  return sessionPageData(principal, params.classId ?? "", params.sessionId ?? "");
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { principal } = await requireUser(request, ["COORDINATOR"]);
  return sessionPageAction(principal, request, params.classId ?? "", params.sessionId ?? "");
}

export default function CoordinatorSession() {
  const data = useLoaderData<typeof loader>();
  return <AttendanceSheet key={data.session.id} data={data} base={`/coordinator/classes/${data.cls.id}`} />;
}
