// The sections' Chinese (each area keeps its strings in sections/<area>.ts, its English beside it in
// sections/<area>.en.ts, checked against the Chinese by type). Merged into zh-CN.ts.
import { zh as training } from "./training";
import { zh as register } from "./register";
import { zh as rosterImport } from "./import";
import { zh as employer } from "./employer";
import { zh as outcomes } from "./outcomes";
import { zh as matching } from "./matching";
import { zh as plans } from "./plans";
import { zh as search } from "./search";
import { zh as reference } from "./reference";
import { zh as subsidies } from "./subsidies";
import { zh as desk } from "./desk";
import { zh as lists } from "./lists";
import { zh as ops } from "./ops";

export const sectionsZh = { training, reg: register, import: rosterImport, emp: employer, out: outcomes, matching, plans, search, ref: reference, subsidy: subsidies, desk, lists, ops };
