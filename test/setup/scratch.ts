// Databases and folders a test file makes for itself (not clones of the template): named here,
// dropped and removed after the file.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { dropDatabase } from "./db";
import { databaseUrl } from "./env";

/** `databaseUrl()` names a new database `<prefix>_<time>_<random>` (not created here); `tmpDir()` makes a folder. */
export function scratchForFile(prefix: string) {
  const databases: string[] = [];
  const dirs: string[] = [];
  afterAll(async () => {
    for (const name of databases) await dropDatabase(name);
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    databaseUrl(): string {
      const name = `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
      databases.push(name);
      return databaseUrl(name);
    },
    tmpDir(): string {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix.replace(/_/g, "-")}-`));
      dirs.push(dir);
      return dir;
    },
  };
}
