// API resource and query schemas. The OpenAPI document is generated from these, so the document
// and the validation can never disagree. Forms reuse the input schemas where they share a shape.
import { z } from "zod";

export const RegionSchema = z.object({
  code: z.string().meta({ description: "GB/T 2260 code" }),
  name: z.string(),
  nameEn: z.string().nullable(),
  level: z.enum(["PROVINCE", "PREFECTURE", "COUNTY", "TOWNSHIP", "VILLAGE"]),
  parentCode: z.string().nullable(),
  isPovertyCounty: z.boolean(),
  povertyLevel: z
    .enum(["NATIONAL_KEY", "CONTIGUOUS_AREA", "PROVINCIAL"])
    .nullable()
    .meta({
      description:
        "Hebei's 2012 list of 62: national key county, Yanshan–Taihang contiguous poor area county, or provincial key " +
        "county; null = none (see docs/reference-data.md)",
    }),
});

export const RegionQuerySchema = z.object({
  parentCode: z
    .string()
    .regex(/^\d{6}(\d{3})?$/)
    .optional(),
  level: z.enum(["PROVINCE", "PREFECTURE", "COUNTY", "TOWNSHIP"]).optional(),
});

export const OccupationSchema = z.object({
  code: z.string(),
  nationalCode: z.string().nullable().meta({ description: "Code in the 2022 Occupational Classification Dictionary, where known" }),
  nameZh: z.string(),
  nameEn: z.string(),
  category: z.string(),
  levels: z.array(z.number().int().min(1).max(5)),
});

export const WorkerMaskedSchema = z.object({
  id: z.string(),
  fullName: z.string(),
  idNumberMasked: z.string().meta({ description: "e.g. 1306************** (prefecture only; the full number needs an audited reveal)" }),
  phoneMasked: z.string().nullable(),
  sex: z.enum(["MALE", "FEMALE"]),
  birthYear: z.number().int().meta({ description: "Year of birth only: the full date is never sent with a masked ID" }),
  countyCode: z.string(),
  isRegisteredPoor: z.boolean(),
  status: z.enum(["REGISTERED", "MATCHED", "IN_TRAINING", "TRAINED", "PLACED", "STABLE", "LEFT"]),
});

export const PageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const WorkerPageSchema = z.object({
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  items: z.array(WorkerMaskedSchema),
});

export const MeSchema = z.object({
  kind: z.enum(["user", "token"]),
  id: z.string(),
  grants: z.array(z.object({ role: z.enum(["ADMIN", "COORDINATOR", "PROVIDER_STAFF", "EMPLOYER", "JOB_SEEKER"]), regionCode: z.string().nullable() })),
});

export const ErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

const itemResult = z.union([
  z.object({ index: z.number().int(), outcome: z.enum(["created", "updated", "unchanged"]), workerId: z.string() }),
  z.object({ index: z.number().int(), outcome: z.literal("rejected"), errors: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })) }),
]);

export const WorkerWriteResultSchema = z.union([
  itemResult,
  z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int(), rejected: z.number().int(), results: z.array(itemResult) }),
]);
