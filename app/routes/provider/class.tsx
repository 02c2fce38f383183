// A class for its provider's staff: sessions and attendance, assessments, dropouts, finishing.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ClassPage } from "~/features/training/index";
import { requireProviderStaff } from "~/services/auth.server";
import { classPageAction, classPageData } from "~/features/training/index.server";
import type { RouteStrings } from "~/i18n/namespaces";

/** The strings this page shows beyond the root's (app/i18n/namespaces.ts). */
export const handle: RouteStrings = { i18n: ["emp", "reg", "subsidy", "training"] };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { principal } = await requireProviderStaff(request, context);
  return classPageData(principal, request, params.classId ?? "");
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { principal } = await requireProviderStaff(request, context);
  return classPageAction(principal, request, params.classId ?? "");
}

export default function ProviderClass() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <ClassPage data={data} base={`/provider/classes/${data.cls.id}`} />
    </>
  );
}
