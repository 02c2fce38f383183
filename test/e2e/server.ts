import net from "node:net";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

/** Polls /healthz until it answers 200 (bounded by `timeoutMs`), or the process has died. */
export async function waitForHealthy(baseURL: string, timeoutMs: number, died: () => boolean = () => false): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    if (died()) throw new Error("the server process exited");
    try {
      const res = await fetch(`${baseURL}/healthz`, { signal: AbortSignal.timeout(5000) });
      last = `${res.status} ${await res.text()}`;
      if (res.status === 200) return JSON.parse(last.slice(4));
    } catch (e) {
      last = String(e);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`not healthy after ${timeoutMs} ms: ${last}`);
}
