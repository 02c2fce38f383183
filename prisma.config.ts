import { defineConfig } from "prisma/config";

// The CLI (generate; migrate where a schema engine exists) reads this. The app itself gets its
// database URL from app/services/env.server.ts; migrations are applied by prisma/migrate.ts.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts --demo" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/laborbridge" },
});
