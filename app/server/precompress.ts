// The web bundle's hashed scripts and styles, compressed once at build time (brotli at its best
// quality, and gzip for clients without brotli), so a phone on 3G downloads a third of the bytes
// and the server spends no CPU on them per request. Called by the Vite plugin in vite.config.ts
// after the client build writes build/client/assets; served by precompressedAssets (web.ts).
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const COMPRESSIBLE = /\.(js|css)$/;

/** Writes `x.br` and `x.gz` beside every .js/.css file of `dir`; returns the bytes before and after brotli. */
export function precompressAssets(dir: string): { files: number; raw: number; brotli: number } {
  let raw = 0;
  let brotli = 0;
  const names = fs.readdirSync(dir).filter((n) => COMPRESSIBLE.test(n));
  for (const name of names) {
    const body = fs.readFileSync(path.join(dir, name));
    const br = zlib.brotliCompressSync(body, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      },
    });
    fs.writeFileSync(path.join(dir, `${name}.br`), br);
    fs.writeFileSync(path.join(dir, `${name}.gz`), zlib.gzipSync(body, { level: zlib.constants.Z_BEST_COMPRESSION }));
    raw += body.length;
    brotli += br.length;
  }
  return { files: names.length, raw, brotli };
}
