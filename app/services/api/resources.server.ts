import type { z } from "zod";
import type { WorkerMaskedSchema } from "./schemas";

type WorkerRow = {
  id: string;
  fullName: string;
  idNumberMasked: string;
  phoneMasked: string | null;
  sex: "MALE" | "FEMALE";
  birthYear: number;
  countyCode: string;
  isRegisteredPoor: boolean;
  status: z.infer<typeof WorkerMaskedSchema>["status"];
};

export function toWorkerResource(w: WorkerRow): z.infer<typeof WorkerMaskedSchema> {
  return {
    id: w.id,
    fullName: w.fullName,
    idNumberMasked: w.idNumberMasked,
    phoneMasked: w.phoneMasked,
    sex: w.sex,
    birthYear: w.birthYear,
    countyCode: w.countyCode,
    isRegisteredPoor: w.isRegisteredPoor,
    status: w.status,
  };
}
