// The sections' English (each typed as its Chinese), merged into en.ts, which is checked against zh-CN.ts.
import { en as training } from "./training.en";
import { en as register } from "./register.en";
import { en as rosterImport } from "./import.en";
import { en as employer } from "./employer.en";
import { en as outcomes } from "./outcomes.en";
import { en as matching } from "./matching.en";
import { en as plans } from "./plans.en";
import { en as search } from "./search.en";
import { en as reference } from "./reference.en";
import { en as subsidies } from "./subsidies.en";
import { en as desk } from "./desk.en";
import { en as lists } from "./lists.en";
import { en as ops } from "./ops.en";

export const sectionsEn = { training, reg: register, import: rosterImport, emp: employer, out: outcomes, matching, plans, search, ref: reference, subsidy: subsidies, desk, lists, ops };
