import { type RouteConfig, index, route } from "@remix-run/route-config";

// All routes in one place (v3_routeConfig). Pages are thin adapters over app/services.
export default [
  index("routes/home.tsx"),
  route("login", "routes/login.tsx"),
  route("register", "routes/register.tsx"),
  route("register/regions", "routes/register-regions.ts"),
  route("logout", "routes/logout.ts"),
  route("set-locale", "routes/set-locale.ts"),
  route("healthz", "routes/healthz.ts"),

  route("admin", "routes/admin/layout.tsx", [
    index("routes/admin/index.tsx"),
    route("users", "routes/admin/users.tsx"),
    route("tokens", "routes/admin/tokens.tsx"),
    route("regions", "routes/admin/regions.tsx"),
  ]),
  route("coordinator", "routes/coordinator/index.tsx"),
  route("coordinator/workers", "routes/coordinator/workers.tsx"),
  route("coordinator/workers/new", "routes/coordinator/worker-new.tsx"),
  route("coordinator/workers/:workerId", "routes/coordinator/worker.tsx"),
  route("coordinator/imports", "routes/coordinator/imports.tsx"),
  route("coordinator/imports/:importId", "routes/coordinator/import.tsx"),
  route("coordinator/imports/:importId/errors.csv", "routes/coordinator/import-errors.ts"),
  route("provider", "routes/provider/index.tsx"),
  route("employer", "routes/employer/index.tsx"),
  route("me", "routes/me/index.tsx"),
  route("me/profile", "routes/me/profile.tsx"),

  route("api/v1/openapi.json", "routes/api/openapi.ts"),
  route("api/v1/me", "routes/api/me.ts"),
  route("api/v1/regions", "routes/api/regions.ts"),
  route("api/v1/occupations", "routes/api/occupations.ts"),
  route("api/v1/workers", "routes/api/workers.ts"),
  route("api/v1/workers/:workerId", "routes/api/worker.ts"),
  route("api/v1/*", "routes/api/not-found.ts"),
] satisfies RouteConfig;
