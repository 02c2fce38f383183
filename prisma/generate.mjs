// `prisma generate` only needs the schema engine binary to *exist*: the client generator is
// WebAssembly. The engine download is blocked on our machines, so point the CLI at any file
// (see ARCHITECTURE.md). Where a real engine is installed, PRISMA_SCHEMA_ENGINE_BINARY wins.
import { spawnSync } from "node:child_process";

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" };
env.PRISMA_SCHEMA_ENGINE_BINARY ||= process.execPath;
const result = spawnSync(process.execPath, ["node_modules/prisma/build/index.js", "generate"], {
  stdio: "inherit",
  env,
});
process.exit(result.status ?? 1);
