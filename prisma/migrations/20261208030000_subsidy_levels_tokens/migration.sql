-- Subsidies (issue 18): the certificate level a graduate earned and a policy's level condition;
-- the API token a claim was prepared with (separation of duties counts the persons behind a token).
CREATE TYPE "CertificateLevel" AS ENUM ('LEVEL_5', 'LEVEL_4', 'LEVEL_3', 'LEVEL_2', 'LEVEL_1', 'SPECIAL_ABILITY', 'TRAINING_CERTIFICATE');

ALTER TABLE "Assessment" ADD COLUMN "certificateLevel" "CertificateLevel";

ALTER TABLE "SubsidyPolicy" ADD COLUMN "certificateLevel" "CertificateLevel";

ALTER TABLE "SubsidyClaim" ADD COLUMN "preparedByTokenId" TEXT;
