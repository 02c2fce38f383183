// npm run user:create -- --username NAME --password SECRET [--role ADMIN] [--region CODE] [--name 显示名]
// Creates a user (typically the first admin of a production deployment) and exits.
import { parseArgs } from "node:util";
import { disconnectDb } from "../services/db.server";
import { ensureEmbeddedPostgres } from "../services/embedded-postgres.server";
import { getConfig } from "../services/env.server";
import { referenceDataMissing } from "../services/reference.server";
import { createUser, NewUserSchema } from "../services/users.server";

const { values } = parseArgs({
  options: {
    username: { type: "string" },
    password: { type: "string" },
    role: { type: "string", default: "ADMIN" },
    region: { type: "string" },
    name: { type: "string" },
  },
});
const parsed = NewUserSchema.safeParse({
  username: values.username,
  password: values.password,
  role: values.role,
  regionCode: values.region,
  displayName: values.name ?? values.username,
});
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`--${issue.path.join(".")}: ${issue.message}`);
  console.error("usage: npm run user:create -- --username NAME --password SECRET(≥10) [--role ADMIN|COORDINATOR|…] [--region CODE] [--name 显示名]");
  process.exit(2);
}
const config = getConfig();
const pg = config.database.adapter === "embedded-postgres" ? await ensureEmbeddedPostgres(config.database) : null;
const missingReference = parsed.data.regionCode ? await referenceDataMissing() : null;
if (missingReference) {
  console.error(`user:create: ${missingReference}`);
  await disconnectDb();
  await pg?.stop();
  process.exit(1);
}
const result = await createUser(parsed.data, null);
await disconnectDb();
await pg?.stop();
if (!result.ok) {
  console.error(`--${result.field}: ${result.message}`);
  process.exit(1);
}
console.log(`created user ${parsed.data.username} (${parsed.data.role}${parsed.data.regionCode ? ` in ${parsed.data.regionCode}` : ""})`);
