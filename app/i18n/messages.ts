// The type of the strings, from the Chinese JSON (the source of truth): t() keys are checked
// against it (i18next.d.ts). Type-only imports: nothing of this reaches a bundle.
import type zh_common from "./locales/zh-CN/common.json";
import type zh_home from "./locales/zh-CN/home.json";
import type zh_login from "./locales/zh-CN/login.json";
import type zh_admin from "./locales/zh-CN/admin.json";
import type zh_coordinator from "./locales/zh-CN/coordinator.json";
import type zh_provider from "./locales/zh-CN/provider.json";
import type zh_employer from "./locales/zh-CN/employer.json";
import type zh_me from "./locales/zh-CN/me.json";
import type zh_training from "./locales/zh-CN/training.json";
import type zh_reg from "./locales/zh-CN/reg.json";
import type zh_import from "./locales/zh-CN/import.json";
import type zh_emp from "./locales/zh-CN/emp.json";
import type zh_out from "./locales/zh-CN/out.json";
import type zh_matching from "./locales/zh-CN/matching.json";
import type zh_plans from "./locales/zh-CN/plans.json";
import type zh_search from "./locales/zh-CN/search.json";
import type zh_ref from "./locales/zh-CN/ref.json";
import type zh_subsidy from "./locales/zh-CN/subsidy.json";
import type zh_desk from "./locales/zh-CN/desk.json";
import type zh_lists from "./locales/zh-CN/lists.json";
import type zh_ops from "./locales/zh-CN/ops.json";

export type Messages = typeof zh_common & {
  home: typeof zh_home;
  login: typeof zh_login;
  admin: typeof zh_admin;
  coordinator: typeof zh_coordinator;
  provider: typeof zh_provider;
  employer: typeof zh_employer;
  me: typeof zh_me;
  training: typeof zh_training;
  reg: typeof zh_reg;
  import: typeof zh_import;
  emp: typeof zh_emp;
  out: typeof zh_out;
  matching: typeof zh_matching;
  plans: typeof zh_plans;
  search: typeof zh_search;
  ref: typeof zh_ref;
  subsidy: typeof zh_subsidy;
  desk: typeof zh_desk;
  lists: typeof zh_lists;
  ops: typeof zh_ops;
};
