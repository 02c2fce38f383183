-- Subsidies: the account an approver approves is the account paid (docs/subsidies.md, "Bank
-- accounts"). A claim records, at approval, the payee's account as it was then: ciphertext, blind
-- index, masked form, bank and holder (never the plaintext). The bank file and the full-number
-- reveal of an approved claim read these, so a later change of the payee's account (on another,
-- still open claim of the same payee) no longer redirects money already approved.
ALTER TABLE "SubsidyClaim" ADD COLUMN     "approvedAccountCipher" TEXT,
ADD COLUMN     "approvedAccountHash" TEXT,
ADD COLUMN     "approvedAccountMasked" TEXT,
ADD COLUMN     "approvedBankName" TEXT,
ADD COLUMN     "approvedHolderName" TEXT;

-- Claims already past approval take their payee's current account: what the bank file would have
-- read when exported (for claims already PAID, the account on file now; the bank's reference is the
-- proof of what was paid). Copying ciphertext needs no key; key rotation re-encrypts it with the rest.
UPDATE "SubsidyClaim" c
SET "approvedAccountCipher" = a."accountCipher",
    "approvedAccountHash" = a."accountHash",
    "approvedAccountMasked" = a."accountMasked",
    "approvedBankName" = a."bankName",
    "approvedHolderName" = a."holderName"
FROM "PayeeAccount" a
WHERE a."ownerType" = c."payeeType" AND a."ownerId" = c."payeeId"
  AND c."status" IN ('APPROVED', 'BATCHED', 'PAID')
  AND c."approvedAccountCipher" IS NULL;
