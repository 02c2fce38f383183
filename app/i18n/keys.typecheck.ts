// Type-level checks of t() keys (npx tsc --noEmit fails when one of these stops holding):
// literal keys and templates over known values are checked against zh-CN's JSON (i18next.d.ts).
import { useTranslation } from "react-i18next";
import { getI18n } from "./i18n";

export function useKeysAreChecked(status: "PLACED" | "STABLE", computed: string) {
  const t = getI18n("zh-CN").t;
  const fromHook = useTranslation().t;
  const fine: string[] = [
    t("reg.title"),
    t("app.name"),
    fromHook("common.total", { count: 2 }),
    t(`workerStatus.${status}`),
    t(computed),
    t(`subsidy.kind.${computed}`),
  ];
  // @ts-expect-error a key zh-CN does not have
  t("reg.titel");
  // @ts-expect-error a namespace that does not exist
  fromHook("nosuch.title");
  // @ts-expect-error a template over known values, one of which is not a key
  t(`workerStatus.${status === "PLACED" ? "PLACED" : "NOPE"}`);
  return fine;
}
