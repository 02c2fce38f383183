// `prisma migrate diff` without the schema-engine binary (it cannot be fetched on our machines):
// Prisma's own schema engine, compiled to WebAssembly (@prisma/schema-engine-wasm, pinned to the
// engines of the installed CLI's release line), talking to PostgreSQL through @prisma/adapter-pg.
//
//   npx tsx prisma/diff.ts                 SQL from the migrated database (prisma/migrations) to schema.prisma
//   npx tsx prisma/diff.ts --from-empty    SQL from an empty database to schema.prisma
//   npx tsx prisma/diff.ts --summary       a human-readable summary instead of SQL
//   npx tsx prisma/diff.ts --exit-code     exit 2 when there is a difference (0 when none)
//   --server postgres://postgres@127.0.0.1:5432/postgres   server for the scratch database (default)
//
// A new migration:  d=prisma/migrations/$(date -u +%Y%m%d%H%M%S)_<name>; mkdir $d
//                   npx tsx prisma/diff.ts > $d/migration.sql   (then read it, and run the drift test)
//
// "From migrations" applies prisma/migrations with app/services/migrations.server.ts to a scratch
// database, describes it and diffs it against the datamodel (the engine's own shadow-database path
// is avoided: adapter-pg 7.10.1 ignores the shadow database name when given a connection string,
// splits scripts on every ";" and drops the shadow database before closing its pool).
// When upgrading `prisma`, move @prisma/schema-engine-wasm to the matching engines build.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { applyMigrations, DEFAULT_MIGRATIONS_DIR } from "../app/services/migrations.server";

export const DEFAULT_SCHEMA_PATH = fileURLToPath(new URL("./schema.prisma", import.meta.url));
export const DEFAULT_SERVER_URL = "postgres://postgres@127.0.0.1:5432/postgres";

export interface DiffResult {
  /** True when the two sides describe the same database. */
  empty: boolean;
  /** Executable SQL that turns `from` into `to` ("-- This is an empty migration." when empty). */
  script: string;
  /** The engine's human-readable list of changes ("No difference detected." when empty). */
  summary: string;
}

type SchemaFile = { path: string; content: string };
type DiffTarget = { tag: "empty" } | { tag: "schemaDatamodel"; files: SchemaFile[] } | { tag: "schemaDatasource"; files: SchemaFile[]; configDir: string };

interface WasmEngine {
  diff(params: {
    from: DiffTarget;
    to: DiffTarget;
    script: boolean;
    exitCode: boolean | null;
    filters: { externalTables: string[]; externalEnums: string[] };
  }): Promise<{ exitCode: number; stdout?: string | null }>;
  free(): void;
}
interface WasmModule {
  SchemaEngine: { new: (options: unknown, log: (message: string) => void, adapter: object) => Promise<WasmEngine> };
}

const require = createRequire(import.meta.url);
let wasmModule: Promise<WasmModule> | undefined;

/** Instantiates the engine's WebAssembly once per process (the package's ESM entry needs --experimental-wasm-modules). */
export function loadSchemaEngineWasm(): Promise<WasmModule> {
  wasmModule ??= (async () => {
    const dir = path.dirname(require.resolve("@prisma/schema-engine-wasm"));
    const glue = (await import(pathToFileURL(path.join(dir, "schema_engine_bg.js")).href)) as WasmModule & {
      __wbg_set_wasm(exports: WebAssembly.Exports): void;
    };
    const module = await WebAssembly.compile(readFileSync(path.join(dir, "schema_engine_bg.wasm")));
    const imports: WebAssembly.Imports = {};
    for (const { module: name } of WebAssembly.Module.imports(module)) imports[name] = glue as unknown as WebAssembly.ModuleImports;
    const instance = await WebAssembly.instantiate(module, imports);
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  return wasmModule;
}

async function bindAdapterFactory(): Promise<(factory: object) => object> {
  // @prisma/driver-adapter-utils comes with @prisma/adapter-pg; resolve it from there.
  const fromAdapter = createRequire(require.resolve("@prisma/adapter-pg"));
  const utils = (await import(pathToFileURL(fromAdapter.resolve("@prisma/driver-adapter-utils")).href)) as {
    bindMigrationAwareSqlAdapterFactory?: (factory: object) => object;
    default?: { bindMigrationAwareSqlAdapterFactory: (factory: object) => object };
  };
  const bind = utils.bindMigrationAwareSqlAdapterFactory ?? utils.default?.bindMigrationAwareSqlAdapterFactory;
  if (!bind) throw new Error("@prisma/driver-adapter-utils has no bindMigrationAwareSqlAdapterFactory");
  return bind;
}

/**
 * A pg pool for the engine's introspection queries. adapter-pg rejects result columns of PostgreSQL's
 * one-byte `"char"` type (pg_constraint.contype etc., oid 18), which the describer selects; pg hands
 * them over as strings already, so they are announced as text.
 */
function enginePool(databaseUrl: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  pool.on("error", () => {});
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  const asText = (result: unknown) => {
    for (const field of (result as { fields?: { dataTypeID: number }[] }).fields ?? []) {
      if (field.dataTypeID === 18) field.dataTypeID = 25;
    }
    return result;
  };
  (pool as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const result = query(...args);
    return result instanceof Promise ? result.then(asText) : result;
  };
  return pool;
}

async function withEngine<T>(databaseUrl: string, run: (engine: WasmEngine) => Promise<T>): Promise<T> {
  const [wasm, bind] = await Promise.all([loadSchemaEngineWasm(), bindAdapterFactory()]);
  const pool = enginePool(databaseUrl);
  const base = new PrismaPg(pool);
  const factory = bind({
    provider: base.provider,
    adapterName: base.adapterName,
    connect: () => base.connect(),
    connectToShadowDb: () => Promise.reject(new Error("prisma/diff.ts does not use shadow databases")),
  });
  const engine = await wasm.SchemaEngine.new({ datamodels: undefined }, () => {}, factory);
  try {
    return await run(engine);
  } finally {
    engine.free();
    await pool.end().catch(() => {});
  }
}

async function diff(engine: WasmEngine, from: DiffTarget, to: DiffTarget): Promise<DiffResult> {
  const filters = { externalTables: [], externalEnums: [] };
  const script = await engine.diff({ from, to, script: true, exitCode: true, filters });
  const summary = await engine.diff({ from, to, script: false, exitCode: true, filters });
  return { empty: script.exitCode === 0, script: script.stdout ?? "", summary: summary.stdout ?? "" };
}

function schemaFiles(schemaPath: string): SchemaFile[] {
  return [{ path: schemaPath, content: readFileSync(schemaPath, "utf8") }];
}

/** What `prisma migrate diff --from-empty --to-schema schema.prisma --script` prints. */
export async function diffEmptyToSchema(opts: { schemaPath?: string; serverUrl?: string } = {}): Promise<DiffResult> {
  const files = schemaFiles(opts.schemaPath ?? DEFAULT_SCHEMA_PATH);
  return withEngine(opts.serverUrl ?? DEFAULT_SERVER_URL, (engine) => diff(engine, { tag: "empty" }, { tag: "schemaDatamodel", files }));
}

/** From the live database at `databaseUrl` (schema `public`) to the datamodel: empty when they agree. */
export async function diffDatabaseToSchema(databaseUrl: string, opts: { schemaPath?: string } = {}): Promise<DiffResult> {
  const schemaPath = opts.schemaPath ?? DEFAULT_SCHEMA_PATH;
  const files = schemaFiles(schemaPath);
  return withEngine(databaseUrl, (engine) =>
    diff(engine, { tag: "schemaDatasource", files, configDir: path.dirname(schemaPath) }, { tag: "schemaDatamodel", files }),
  );
}

/** Applies the migrations to a scratch database on `serverUrl`, diffs it against the datamodel, drops it. */
export async function diffMigrationsToSchema(opts: { schemaPath?: string; migrationsDir?: string; serverUrl?: string } = {}): Promise<DiffResult> {
  const server = new URL(opts.serverUrl ?? DEFAULT_SERVER_URL);
  const scratch = new URL(server);
  const name = `lb_diff_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  scratch.pathname = `/${name}`;
  try {
    await applyMigrations(scratch.toString(), { migrationsDir: opts.migrationsDir ?? DEFAULT_MIGRATIONS_DIR });
    return await diffDatabaseToSchema(scratch.toString(), { schemaPath: opts.schemaPath });
  } finally {
    const admin = new pg.Client({ connectionString: server.toString() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => admin.end());
  }
}

async function main(argv: string[]): Promise<number> {
  const flag = (name: string) => argv.includes(name);
  const value = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const serverUrl = value("--server") ?? DEFAULT_SERVER_URL;
  const schemaPath = value("--schema") ?? DEFAULT_SCHEMA_PATH;
  const result = flag("--from-empty")
    ? await diffEmptyToSchema({ schemaPath, serverUrl })
    : await diffMigrationsToSchema({ schemaPath, serverUrl, migrationsDir: value("--migrations") });
  process.stdout.write(flag("--summary") ? `${result.summary}\n` : result.script);
  return flag("--exit-code") && !result.empty ? 2 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
