// Every language's namespaces, for the server (and tests). The browser build replaces this module
// with all-locales.client.ts (vite.config.ts): a page carries its own namespaces inline (root.tsx)
// and the browser loads the others when a navigation needs them (i18n.ts, loadNamespaces).
import type { Bundles } from "./namespaces";
import zh_common from "./locales/zh-CN/common.json";
import zh_home from "./locales/zh-CN/home.json";
import zh_login from "./locales/zh-CN/login.json";
import zh_admin from "./locales/zh-CN/admin.json";
import zh_coordinator from "./locales/zh-CN/coordinator.json";
import zh_provider from "./locales/zh-CN/provider.json";
import zh_employer from "./locales/zh-CN/employer.json";
import zh_me from "./locales/zh-CN/me.json";
import zh_training from "./locales/zh-CN/training.json";
import zh_reg from "./locales/zh-CN/reg.json";
import zh_import from "./locales/zh-CN/import.json";
import zh_emp from "./locales/zh-CN/emp.json";
import zh_out from "./locales/zh-CN/out.json";
import zh_matching from "./locales/zh-CN/matching.json";
import zh_plans from "./locales/zh-CN/plans.json";
import zh_search from "./locales/zh-CN/search.json";
import zh_ref from "./locales/zh-CN/ref.json";
import zh_subsidy from "./locales/zh-CN/subsidy.json";
import zh_desk from "./locales/zh-CN/desk.json";
import zh_lists from "./locales/zh-CN/lists.json";
import zh_ops from "./locales/zh-CN/ops.json";
import en_common from "./locales/en/common.json";
import en_home from "./locales/en/home.json";
import en_login from "./locales/en/login.json";
import en_admin from "./locales/en/admin.json";
import en_coordinator from "./locales/en/coordinator.json";
import en_provider from "./locales/en/provider.json";
import en_employer from "./locales/en/employer.json";
import en_me from "./locales/en/me.json";
import en_training from "./locales/en/training.json";
import en_reg from "./locales/en/reg.json";
import en_import from "./locales/en/import.json";
import en_emp from "./locales/en/emp.json";
import en_out from "./locales/en/out.json";
import en_matching from "./locales/en/matching.json";
import en_plans from "./locales/en/plans.json";
import en_search from "./locales/en/search.json";
import en_ref from "./locales/en/ref.json";
import en_subsidy from "./locales/en/subsidy.json";
import en_desk from "./locales/en/desk.json";
import en_lists from "./locales/en/lists.json";
import en_ops from "./locales/en/ops.json";

export const bundledLocales: Partial<Record<"zh-CN" | "en", Bundles>> = {
  "zh-CN": {
    common: zh_common,
    home: zh_home,
    login: zh_login,
    admin: zh_admin,
    coordinator: zh_coordinator,
    provider: zh_provider,
    employer: zh_employer,
    me: zh_me,
    training: zh_training,
    reg: zh_reg,
    import: zh_import,
    emp: zh_emp,
    out: zh_out,
    matching: zh_matching,
    plans: zh_plans,
    search: zh_search,
    ref: zh_ref,
    subsidy: zh_subsidy,
    desk: zh_desk,
    lists: zh_lists,
    ops: zh_ops,
  },
  en: {
    common: en_common,
    home: en_home,
    login: en_login,
    admin: en_admin,
    coordinator: en_coordinator,
    provider: en_provider,
    employer: en_employer,
    me: en_me,
    training: en_training,
    reg: en_reg,
    import: en_import,
    emp: en_emp,
    out: en_out,
    matching: en_matching,
    plans: en_plans,
    search: en_search,
    ref: en_ref,
    subsidy: en_subsidy,
    desk: en_desk,
    lists: en_lists,
    ops: en_ops,
  },
};

/** The browser's loaders (all-locales.client.ts); the server holds every namespace and loads none. */
export const namespaceChunks: Record<string, () => Promise<{ default: Record<string, unknown> }>> = {};
