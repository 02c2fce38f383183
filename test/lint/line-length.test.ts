// Issue 17: no line over 160 characters. Prettier (printWidth 160) breaks code but leaves a long string, comment or
// template literal as it is; this test catches those. A file with a long line is judged as Prettier would write it,
// so the test holds on a tree before `prettier --write .` as well as after (when `prettier --check .` keeps it so).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import * as prettier from "prettier";
import { describe, expect, it } from "vitest";

const MAX = 160;
const TEXT = /\.(ts|tsx|js|mjs|cjs|json|css|ya?ml|prisma|toml|conf|example|sh)$|(^|\/)(Dockerfile|run|\.gitignore)$/;
// Not ours to wrap: the lockfile, SQL migrations as they were applied, data files (one record per line), Markdown
// (paragraphs are lines, tables cannot wrap) and the i18n dictionaries (a translation is data; they move to JSON).
const EXEMPT = [/^package-lock\.json$/, /^prisma\/migrations\//, /^prisma\/reference\//, /^test\/golden\//, /\.md$/, /^app\/i18n\//];

const width = (line: string) => [...line].length;

async function longLines(file: string): Promise<string[]> {
  const raw = fs.readFileSync(file, "utf8");
  if (!raw.split("\n").some((l) => width(l) > MAX)) return [];
  const info = await prettier.getFileInfo(file, { ignorePath: ".prettierignore" });
  const text = info.ignored || !info.inferredParser ? raw : await prettier.format(raw, { ...(await prettier.resolveConfig(file)), filepath: file });
  return text.split("\n").flatMap((l, i) => (width(l) > MAX ? [`${file}:${i + 1} (${width(l)} characters)`] : []));
}

describe("line length", () => {
  it("no tracked source line is over 160 characters once Prettier has formatted it", { timeout: 300_000 }, async () => {
    const files = execFileSync("git", ["ls-files", "-z"], { encoding: "utf8" })
      .split("\0")
      .filter((f) => f && TEXT.test(f) && !EXEMPT.some((re) => re.test(f)) && fs.existsSync(f));
    expect(files.length).toBeGreaterThan(100);
    const long: string[] = [];
    for (const f of files) long.push(...(await longLines(f)));
    expect(long, "wrap these by hand: split a string with +, wrap a comment, pull an expression into a const").toEqual([]);
  });
});
