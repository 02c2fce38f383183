// One structured logger (pino: a JSON line per event on stdout) for the web and worker processes,
// at the level LOG_LEVEL sets. Lines carry ids, paths, statuses and times — never query strings,
// bodies or personal data (a search for an ID number lives in the query string).
import { randomUUID } from "node:crypto";
import pino, { type Logger } from "pino";
import { getConfig } from "./env.server";

const g = globalThis as unknown as { __lbLogger?: Logger };

export function getLogger(): Logger {
  if (!g.__lbLogger) {
    const config = getConfig();
    // Test runs keep their output for the tests' own findings; errors still show.
    g.__lbLogger = pino({ level: config.nodeEnv === "test" ? "error" : config.logLevel, base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime });
  }
  return g.__lbLogger;
}

/** Tests hand in a logger writing where they can read it. */
export function useLogger(logger: Logger): void {
  g.__lbLogger = logger;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;
/** The request's id: the proxy's X-Request-Id when it looks like one, else a new one. */
export const requestIdFor = (header: string | undefined) => (header && REQUEST_ID.test(header) ? header : randomUUID());

/** Expected answers that are not faults: a missing page, a refused method, a conflict the user is told about. */
export function isExpectedError(error: unknown): boolean {
  const e = error as { status?: unknown; code?: unknown } | null;
  if (e && typeof e.status === "number" && e.status < 500) return true; // Remix's ErrorResponse (404 "No route matches", 405)
  return Boolean(e && (e.code === "P2002" || e.code === "23505")); // unique violation: a duplicate, answered as such
}
