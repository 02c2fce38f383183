import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig, type Plugin } from "vite";
import path from "node:path";
import { precompressAssets } from "./app/server/precompress";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

/** After the client build: .br and .gz beside each hashed script and style (issue 15, served by app/server/web.ts). */
function precompress(): Plugin {
  let serverDir: string | null = null;
  return {
    name: "laborbridge-precompress",
    apply: "build",
    writeBundle(options) {
      if (options.dir && path.basename(options.dir) === "server") serverDir = options.dir;
    },
    // After the server build, the last of the two: Remix writes the client's route manifest
    // (assets/manifest-*.js) only then.
    closeBundle: {
      order: "post",
      handler() {
        if (!serverDir) return;
        const r = precompressAssets(path.join(serverDir, "../client/assets"));
        this.info(`precompressed ${r.files} assets: ${Math.round(r.raw / 1024)} KB → ${Math.round(r.brotli / 1024)} KB brotli`);
        serverDir = null;
      },
    },
  };
}

/**
 * Browser chunks for a phone on fast 3G (issue 15): HTTP/1.1 gives a page six connections, and each
 * script past the sixth waits a 562 ms round trip for one. Left to itself the bundler split /register
 * into 14 scripts (React and Remix, i18next, and ten small shared modules of 1–9 KB); grouped, the
 * page needs the entry, its two route modules and three shared chunks (vendor, shell, registration). "vendor": the libraries every
 * page runs (React, Remix's router, i18next); "shell": the small app modules the root and most forms
 * use (a module's own dependencies go with it unless another chunk has them: conform goes with the
 * form fields). Nothing that imports zod goes in any of them (the forms' checks stay off the first load).
 */
const VENDOR_PACKAGES = ["react", "react-dom", "scheduler", "@remix-run/react", "@remix-run/router", "react-router", "react-router-dom", "turbo-stream"]
  .concat(["i18next", "react-i18next", "html-parse-stringify", "void-elements"])
  .map((name) => name.replace("/", "[\\\\/]"));
const VENDOR_MODULE = new RegExp(`[\\\\/]node_modules[\\\\/](${VENDOR_PACKAGES.join("|")})[\\\\/]`);
const SHELL_MODULE = /[\\/]app[\\/](i18n[\\/]i18n\.ts|components[\\/](area|forms|form-card|message|plain-field)\.tsx|domain[\\/](access|place-names)\.ts)$/;
const REGISTRATION_MODULE = /[\\/]app[\\/]features[\\/]registration[\\/](components[\\/]registration-form\.tsx|choices\.ts)$/;
function browserChunk(id: string): string | undefined {
  if (id.includes("vite/preload-helper") || VENDOR_MODULE.test(id)) return "vendor";
  if (SHELL_MODULE.test(id)) return "shell";
  // The registration form and its choices, on the public form and the coordinator's "register someone".
  if (REGISTRATION_MODULE.test(id)) return "registration";
  return undefined;
}

const SCHEMA_MODULE = /[/\\]app[/\\](?:features[/\\][^/\\]+[/\\]schema\.ts|schemas[/\\][^/\\]+\.ts|platform[/\\]zod-fields\.ts)$/;

export default defineConfig(({ command, isSsrBuild }) => ({
  resolve: {
    alias: [
      // The browser build bundles no dictionary: entry.client.tsx loads the page's language only.
      ...(command === "build" && !isSsrBuild ? [{ find: /^\.\/all-locales$/, replacement: path.resolve(__dirname, "app/i18n/all-locales.client.ts") }] : []),
      { find: "~", replacement: path.resolve(__dirname, "app") },
    ],
  },
  server: { port: 3000 },
  build: {
    rollupOptions: {
      treeshake: {
        // A form schema module only builds zod objects: importing it has no effect of its own, so a
        // page that takes a component from a feature's public module (which also re-exports the
        // schema) does not get zod with it. /register loads zod on first use (issue 15).
        moduleSideEffects: (id: string, external: boolean) => external || !SCHEMA_MODULE.test(id),
      },
      ...(command === "build" && !isSsrBuild ? { output: { manualChunks: browserChunk } } : {}),
    },
  },
  plugins: [
    precompress(),
    remix({
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
        v3_routeConfig: true,
      },
    }),
  ],
}));
