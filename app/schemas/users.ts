// Form schemas shared by the browser (conform) and the server. Messages are i18n keys.
import { z } from "zod";
import { ROLES } from "~/domain/access";

/** One schema for the admin form, the API and the CLI; messages are i18n keys. */
export const NewUserSchema = z
  .object({
    username: z
      .string({ error: "common.required" })
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9._-]{3,40}$/, "admin.usernameFormat"),
    displayName: z.string({ error: "common.required" }).trim().min(1, "common.required").max(60),
    password: z.string({ error: "common.required" }).min(10, "admin.passwordTooShort").max(200),
    role: z.enum(ROLES),
    regionCode: z
      .string()
      .trim()
      .regex(/^\d{6}$/, "admin.unknownRegion")
      .optional(),
    employerId: z.string().uuid().optional(),
    providerId: z.string().uuid().optional(),
  })
  .refine((v) => !(v.role === "COORDINATOR" || v.role === "PROVIDER_STAFF") || v.regionCode, { path: ["regionCode"], message: "admin.regionRequired" });

export type NewUser = z.infer<typeof NewUserSchema>;
