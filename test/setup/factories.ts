// Test factory: a worker with encrypted ID and phone, as the registration service will write it.
import { maskPhone, maskResidentId } from "~/domain/mask";
import { makeResidentId } from "~/domain/resident-id";
import { getDb } from "~/services/db.server";
import { blindIndex, encryptPii } from "~/services/pii.server";

let seq = 0;

export async function makeWorker(countyCode: string, overrides: { fullName?: string; idNumber?: string } = {}) {
  seq++;
  const idNumber = overrides.idNumber ?? makeResidentId(countyCode, "1990-05-17", (seq * 7) % 1000);
  const phone = `1380000${String(1000 + seq).slice(-4)}`;
  return getDb().worker.create({
    data: {
      fullName: overrides.fullName ?? `测试${seq}`,
      idNumberCipher: encryptPii(idNumber), idNumberHash: blindIndex("resident-id", idNumber), idNumberMasked: maskResidentId(idNumber),
      phoneCipher: encryptPii(phone), phoneHash: blindIndex("phone", phone), phoneMasked: maskPhone(phone),
      sex: "MALE", birthDate: new Date("1990-05-17T00:00:00Z"), countyCode,
    },
  });
}
