// Each section file exports { zh, en } with the same shape; both languages are checked against
// each other by the type below, so a string missing in English fails the type check.
import { register } from "./register";
import { rosterImport } from "./import";
import { employer } from "./employer";
import { training } from "./training";
import { outcomes } from "./outcomes";
import { matching } from "./matching";
import { plans } from "./plans";
import { search } from "./search";
import { reference } from "./reference";
import { subsidies } from "./subsidies";
import { desk } from "./desk";
import { lists } from "./lists";
import { ops } from "./ops";

type Section<T> = { zh: T; en: T };
const merge = <T extends Record<string, Section<unknown>>>(all: T) => ({
  zh: Object.fromEntries(Object.entries(all).map(([k, v]) => [k, v.zh])) as { [K in keyof T]: T[K]["zh"] },
  en: Object.fromEntries(Object.entries(all).map(([k, v]) => [k, v.en])) as { [K in keyof T]: T[K]["en"] },
});

export const sections = merge({ training, reg: register, import: rosterImport, emp: employer, out: outcomes, matching, plans, search, ref: reference, subsidy: subsidies, desk, lists, ops });
