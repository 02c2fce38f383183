// Keeps a child process running: when it exits without being asked to, it is started again after
// a backoff that doubles from `minDelayMs` to `maxDelayMs` and resets once a run lasted
// `stableAfterMs`. Used by the launcher (app/cli/start.ts) for the worker process.
import type { ChildProcess } from "node:child_process";

export type SuperviseOptions = {
  log: (line: string) => void;
  isStopping: () => boolean;
  name: string;
  minDelayMs?: number;
  maxDelayMs?: number;
  stableAfterMs?: number;
};

export type Supervised = {
  current: ChildProcess;
  /** Called with every replacement child (the launcher keeps a reference for its shutdown). */
  onSpawn?: (child: ChildProcess) => void;
  restarts: number;
};

export function supervise(start: () => ChildProcess, opts: SuperviseOptions): Supervised {
  const min = opts.minDelayMs ?? 1000;
  const max = opts.maxDelayMs ?? 30_000;
  const stableAfter = opts.stableAfterMs ?? 60_000;
  let delay = min;
  const state: Supervised = { current: null as unknown as ChildProcess, restarts: 0 };
  const launch = () => {
    const startedAt = Date.now();
    const child = start();
    state.current = child;
    state.onSpawn?.(child);
    child.on("exit", (code, signal) => {
      if (opts.isStopping()) return;
      if (Date.now() - startedAt >= stableAfter) delay = min;
      opts.log(`${opts.name} exited unexpectedly (${signal ?? code}); starting again in ${Math.round(delay / 1000)} s`);
      const wait = delay;
      delay = Math.min(delay * 2, max);
      setTimeout(() => {
        if (opts.isStopping()) return;
        state.restarts++;
        launch();
      }, wait);
    });
  };
  launch();
  return state;
}

const CONNECTION_LOSS_CODES = new Set(["57P01", "57P02", "57P03", "08006", "08003", "ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT"]);

/** A lost database/queue connection, as pg and ioredis report it (the server restarted or went away). */
export function isConnectionLoss(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | null;
  return Boolean(e && ((e.code && CONNECTION_LOSS_CODES.has(e.code)) || /Connection terminated unexpectedly|terminating connection/i.test(e.message ?? "")));
}

let shuttingDown = false;
/** This process is stopping (Ctrl-C/SIGTERM): connections closing under it are expected, not news. */
export function markShuttingDown(): void {
  shuttingDown = true;
}
export const isShuttingDown = () => shuttingDown;

/**
 * Last line of defence for a long-running process: an 'error' event nobody listened to because
 * its connection died (a database restart) is logged and survived: the pool drops the client and
 * the work that used it fails and is retried. Anything else still ends the process (the launcher
 * starts it again).
 */
export function surviveConnectionLoss(log: (line: string) => void): void {
  process.on("uncaughtException", (error) => {
    if (isConnectionLoss(error)) {
      if (shuttingDown) return; // Ctrl-C reaches the embedded PostgreSQL too; its goodbyes are expected
      log(`connection lost (${(error as { code?: string }).code ?? (error as Error).message}); continuing, it reconnects`);
      return;
    }
    console.error(error);
    process.exit(1);
  });
}
