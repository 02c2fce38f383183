// npm run token:create -- --role ROLE [--region CODE] [--employer ID|CREDIT_CODE] [--for USERNAME] [--name TEXT] [--days N]
// Prints a new API token once; only its hash is stored. It expires after N days (default 90, at most 365).
// --for names the person accountable for what the token does: without one, a token may read subsidy
// claims but not prepare, approve or batch them (separation of duties needs a person; docs/subsidies.md).
import { parseArgs } from "node:util";
import { ROLES, type Role } from "../domain/access";
import { TOKEN_DEFAULT_DAYS, TOKEN_MAX_DAYS } from "../domain/api-token";
import { issueApiToken } from "../services/api-tokens.server";
import { disconnectDb, getDb } from "../services/db.server";
import { ensureEmbeddedPostgres } from "../services/embedded-postgres.server";
import { getConfig } from "../services/env.server";
import { referenceDataMissing } from "../services/reference.server";
import { chinaDay } from "../platform/china-time";

const { values } = parseArgs({
  options: {
    role: { type: "string" },
    region: { type: "string" },
    employer: { type: "string" },
    for: { type: "string" },
    name: { type: "string" },
    days: { type: "string" },
  },
});
const days = values.days === undefined ? TOKEN_DEFAULT_DAYS : /^\d{1,3}$/.test(values.days) ? Number(values.days) : NaN;
if (!values.role || !(ROLES as readonly string[]).includes(values.role) || !(days >= 1 && days <= TOKEN_MAX_DAYS)) {
  console.error(
    `usage: npm run token:create -- --role ${ROLES.join("|")} [--region CODE] [--employer ID|CREDIT_CODE] [--for ` +
      `USERNAME] [--name TEXT] [--days 1-${TOKEN_MAX_DAYS}, default ${TOKEN_DEFAULT_DAYS}]`,
  );
  process.exit(2);
}
const config = getConfig();
const pg = config.database.adapter === "embedded-postgres" ? await ensureEmbeddedPostgres(config.database) : null;
try {
  const missingReference = values.region ? await referenceDataMissing() : null;
  if (missingReference) throw new Error(`token:create: ${missingReference}`);
  // An EMPLOYER token acts for one employer (its own postings and orders only).
  const employer = values.employer
    ? await getDb().employer.findFirst({
        where: { OR: [{ creditCode: values.employer.toUpperCase() }, ...(/^[0-9a-f-]{36}$/i.test(values.employer) ? [{ id: values.employer }] : [])] },
        select: { id: true },
      })
    : null;
  if (values.employer && !employer) throw new Error(`unknown employer ${values.employer}`);
  const issued = await issueApiToken(
    null,
    {
      name: values.name ?? `cli ${values.role}`,
      role: values.role as Role,
      regionCode: values.region ?? null,
      employerId: employer?.id ?? null,
      issuedFor: values.for,
      days,
    },
    null,
  );
  // What each refusal on the admin page's fields means on the command line.
  const refusals: Record<string, string> = {
    "admin.unknownRegion": `unknown region ${values.region}`,
    "admin.unknownUser": `unknown user ${values.for} (no such account, or deactivated)`,
    "admin.personOutOfScope":
      `${values.for} does not hold the role ${values.role} over ${values.region ?? "every region"}` + (employer ? " for this employer" : ""),
  };
  if (!issued.ok) throw new Error(refusals[issued.problems[0].message] ?? issued.problems[0].message);
  const { token } = issued;
  console.log(token);
  console.error(`expires ${chinaDay(Date.now() + days * 86400_000)} (${days} days)`);
} catch (error) {
  console.error(String((error as Error).message));
  process.exitCode = 1;
} finally {
  await disconnectDb();
  await pg?.stop();
}
