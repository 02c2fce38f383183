// The annual plan form (new and revise) and the PUT /api/v1/plans body: one schema, messages as
// i18n keys (plans.*). Form posts send strings ("8,000", "８０００人"), the API JSON numbers.
import { z } from "zod";
import { always, blankToUndefined, printable, rawNumber, wholeNumber } from "~/platform/zod-fields";

const toNumber = wholeNumber("人次%");
const count = z.preprocess(
  toNumber,
  z.number({ error: "plans.err.number" }).int("plans.err.number").min(0, "plans.err.countRange").max(10_000_000, "plans.err.countRange"),
);
const percent = z.preprocess(
  toNumber,
  z.number({ error: "plans.err.number" }).int("plans.err.number").min(0, "plans.err.percentRange").max(100, "plans.err.percentRange"),
);
const note = z.preprocess(blankToUndefined, z.string().trim().max(500, "plans.err.noteLong").refine(printable, "plans.err.noteLong").optional());

const shape = {
  trainingPersonTimes: count,
  orderBasedPersonTimes: count,
  transferredPersons: count,
  toBeijingTianjinPersons: count,
  stablePersons: count,
  poorHouseholdSharePct: percent,
  completionRatePct: percent,
  note,
};

const rules = z.superRefine((v: unknown, ctx) => {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return;
  const r = v as Record<string, unknown>;
  const [training, orderBased, transferred, toBjTj] = [
    rawNumber(r.trainingPersonTimes),
    rawNumber(r.orderBasedPersonTimes),
    rawNumber(r.transferredPersons),
    rawNumber(r.toBeijingTianjinPersons),
  ];
  if (training !== undefined && orderBased !== undefined && orderBased > training)
    ctx.addIssue({ code: "custom", path: ["orderBasedPersonTimes"], message: "plans.err.orderBasedMore" });
  if (transferred !== undefined && toBjTj !== undefined && toBjTj > transferred)
    ctx.addIssue({ code: "custom", path: ["toBeijingTianjinPersons"], message: "plans.err.toBjTjMore" });
}, always);

/** PUT body and the form: the targets and an optional note on why they were set or changed. */
export const PlanSchema = z.object({ ...shape, version: z.preprocess(toNumber, z.number().int().min(0).optional()) }).check(rules);
export type PlanInput = z.output<typeof PlanSchema>;

export const PLAN_FORM_NAMES: ReadonlySet<string> = new Set(["intent", ...Object.keys(shape), "version"]);
