// Issue 11, item 7: the body cap looked at Content-Length only, so a chunked POST (no length) of
// any size was read into memory. The real HTTP host now counts the bytes as they stream in and
// answers 413 once they pass the cap — forms, JSON and uploads alike.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "~/services/api-tokens.server";
import { makeCoordinator } from "../setup/factories";
import { startTestWebServer } from "../setup/web-server";

const MB = 1024 * 1024;
let server: Awaited<ReturnType<typeof startTestWebServer>>;
beforeAll(async () => {
  server = await startTestWebServer();
}, 300_000);
afterAll(async () => {
  await server?.close();
});

type Segment = string | { fill: number };

/**
 * POSTs the segments (text, or `fill` bytes of "a" sent 64 KB at a time) with Transfer-Encoding:
 * chunked (no Content-Length), and stops sending once the server has answered. `sent`: how much
 * the client managed to send.
 */
function chunkedPost(path: string, headers: Record<string, string>, segments: Segment[]): Promise<{ status: number; body: string; sent: number }> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, server.baseURL);
    let sent = 0;
    let answered = false;
    const req = http.request(url, { method: "POST", headers: { ...headers, "Transfer-Encoding": "chunked" } }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (d: Buffer) => parts.push(d));
      res.on("end", () => {
        answered = true;
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString("utf8"), sent });
      });
      res.on("error", () => {});
    });
    // Writing into a connection the server has closed fails; only an error without an answer counts.
    req.on("error", (e) => setTimeout(() => (answered ? undefined : reject(e)), 1000));
    const chunk = Buffer.alloc(64 * 1024, "a");
    const queue = [...segments];
    let left = 0;
    const pump = () => {
      while (!answered && !req.destroyed) {
        if (left === 0) {
          const next = queue.shift();
          if (next === undefined) return void req.end();
          if (typeof next === "string") {
            sent += Buffer.byteLength(next);
            if (!req.write(next)) return void req.once("drain", pump);
            continue;
          }
          left = next.fill;
        }
        const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
        left -= piece.length;
        sent += piece.length;
        if (!req.write(piece)) return void req.once("drain", pump);
      }
    };
    pump();
  });
}

describe("request body cap, counted as the body streams", () => {
  it("oversized chunked body: a 60 MB chunked form POST to /set-locale is cut with 413 after about 2 MB, not read whole", async () => {
    const res = await chunkedPost("/set-locale", { "Content-Type": "application/x-www-form-urlencoded" }, ["locale=en&redirectTo=/&pad=", { fill: 60 * MB }]);
    expect(res.status).toBe(413);
    expect(res.body).toMatch(/too large.*过大/);
    expect(res.sent).toBeLessThan(20 * MB); // the server stopped it long before the end
  });

  it("oversized chunked body: a 3 MB chunked JSON POST to /api/v1/workers is refused with 413", async () => {
    const { token } = await createApiToken({ name: "cap", role: "COORDINATOR", regionCode: "130624" });
    const res = await chunkedPost("/api/v1/workers", { "Content-Type": "application/json", Authorization: `Bearer ${token}` }, [
      '{"workers":[{"fullName":"',
      { fill: 3 * MB },
      '"}]}',
    ]);
    expect(res.status).toBe(413);
  });

  it(
    "oversized chunked body: a 30 MB chunked roster upload of two 15 MB files (each under the per-file limit) is " +
      "refused with 413 at the upload's 21 MB cap",
    async () => {
      const coordinator = await makeCoordinator("130624");
      const part = (name: string) => `--b\r\nContent-Disposition: form-data; name="${name}"; filename="roster.csv"\r\nContent-Type: text/csv\r\n\r\n`;
      const res = await chunkedPost("/coordinator/imports", { "Content-Type": "multipart/form-data; boundary=b", Cookie: await coordinator.cookie() }, [
        part("file"),
        { fill: 15 * MB },
        `\r\n${part("other")}`,
        { fill: 15 * MB },
        "\r\n--b--\r\n",
      ]);
      expect(res.status).toBe(413);
      expect(res.sent).toBeGreaterThan(21 * MB); // the upload's own larger cap applies, not the 2 MB one
    },
  );

  it("a chunked form POST under the cap still goes through", async () => {
    const res = await chunkedPost("/set-locale", { "Content-Type": "application/x-www-form-urlencoded" }, ["locale=en&redirectTo=/"]);
    expect(res.status).toBe(302);
  });
});
