// Resources of /api/v1/plans: the plan, and its progress (what the dashboard shows, as JSON).
// The zod schemas document the responses in the OpenAPI list (api/openapi.server.ts).
import { z } from "zod";
import { COUNT_TARGETS, RATE_TARGETS } from "~/domain/plans";
import { PlanSchema } from "./schema";
import type { DashboardData } from "./dashboard.server";

const status = z.enum(["done", "onTrack", "atRisk", "offTrack", "noTarget"]);
export const PlanResourceSchema = z.object({
  regionCode: z.string(),
  year: z.number().int(),
  ...Object.fromEntries([...COUNT_TARGETS, ...RATE_TARGETS].map((k) => [k, z.number().int()])),
  version: z.number().int(),
  updatedAt: z.string(),
});
export const PlanBodySchema = PlanSchema;

const countProgress = z.object({
  target: z.enum(COUNT_TARGETS),
  unit: z.enum(["personTimes", "persons"]),
  plan: z.number().int(),
  actual: z.number().int(),
  percentOfPlan: z.number().nullable(),
  expectedByToday: z.number().int(),
  projection: z.number().int(),
  projectedPercent: z.number().nullable(),
  status,
});
const rateProgress = z.object({
  target: z.enum(RATE_TARGETS),
  planPct: z.number().int(),
  actualPct: z.number().nullable(),
  numerator: z.number().int(),
  denominator: z.number().int(),
  status,
});
export const ProgressResourceSchema = z.object({
  regionCode: z.string(),
  year: z.number().int(),
  asOf: z.string().describe("when the figures were computed from the records"),
  today: z.string(),
  yearElapsed: z.number(),
  hasPlan: z.boolean(),
  status,
  counts: z.array(countProgress),
  rates: z.array(rateProgress),
  trainedPersons: z.number().int(),
  funnel: z.array(z.object({ stage: z.string(), persons: z.number().int() })),
  monthly: z.array(z.object({ target: z.enum(COUNT_TARGETS), cumulative: z.array(z.number().int()), planLine: z.array(z.number().int()).nullable() })),
  children: z.array(
    z.object({
      regionCode: z.string(),
      name: z.string(),
      hasPlan: z.boolean(),
      compositePercent: z.number().nullable(),
      status,
      counts: z.array(countProgress),
    }),
  ),
});

type D = NonNullable<DashboardData>;
const countOut = (c: D["counts"][number]) => ({
  target: c.key,
  unit: c.key === "trainingPersonTimes" || c.key === "orderBasedPersonTimes" ? ("personTimes" as const) : ("persons" as const),
  plan: c.target,
  actual: c.actual,
  percentOfPlan: c.percentOfPlan,
  expectedByToday: c.expectedByToday,
  projection: c.projection,
  projectedPercent: c.projectedPercent,
  status: c.status,
});

export function toProgressResource(d: D): z.infer<typeof ProgressResourceSchema> {
  return {
    regionCode: d.region.code,
    year: d.year,
    asOf: d.asOf,
    today: d.today,
    yearElapsed: Math.round(d.elapsed * 10000) / 10000,
    hasPlan: d.plan !== null,
    status: d.status,
    counts: d.counts.map(countOut),
    rates: d.rates.map((r) => ({
      target: r.key,
      planPct: r.targetPct,
      actualPct: r.actualPct,
      numerator: r.numerator,
      denominator: r.denominator,
      status: r.status,
    })),
    trainedPersons: d.trainedPersons,
    funnel: d.funnel.map((f) => ({ stage: f.metric, persons: f.value })),
    monthly: d.trend.map((tr) => ({ target: tr.key, cumulative: tr.actual, planLine: tr.plan })),
    children: d.children.map((c) => ({
      regionCode: c.code,
      name: c.name,
      hasPlan: c.hasPlan,
      compositePercent: c.composite,
      status: c.status,
      counts: c.counts.map(countOut),
    })),
  };
}
