// A person's ID number and phone as the platform stores them (prisma/schema.prisma): ciphertext,
// a blind index for look-ups and uniqueness, and the masked form that may be shown. For the demo
// data set and the tests' factories, which write workers without the registration service.
import { maskPhone, maskResidentId } from "~/domain/mask";
import { blindIndex, encryptPii } from "~/services/pii.server";

export const storedPhone = (phone: string) => ({ phoneCipher: encryptPii(phone), phoneHash: blindIndex("phone", phone), phoneMasked: maskPhone(phone) });

export const storedIdentity = (idNumber: string, phone: string) => ({
  idNumberCipher: encryptPii(idNumber),
  idNumberHash: blindIndex("resident-id", idNumber),
  idNumberMasked: maskResidentId(idNumber),
  ...storedPhone(phone),
});
