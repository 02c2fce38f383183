// Server rendering: Remix's default node entry, plus the Content-Security-Policy nonce the host
// made for this request (load context `cspNonce`, see app/server/web.ts), handed to every inline
// script: Remix's (context, route modules, single-fetch data), React's streaming ones, and
// <Scripts>/<ScrollRestoration> in root.tsx through NonceContext.
import { PassThrough } from "node:stream";
import type { ActionFunctionArgs, AppLoadContext, EntryContext, LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { NonceContext } from "~/components/nonce";
import { getLogger, isExpectedError } from "~/services/logger.server";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** Set by the Express host for each request; absent when a route is called without it (tests). */
    cspNonce?: string;
    /** The host's id for this request (X-Request-Id), for the log lines it causes. */
    requestId?: string;
  }
}

/**
 * Remix's own logging of a loader/action/render error, replaced: expected answers (a 404, a
 * refused method, a duplicate answered as such) and requests the client abandoned are no faults
 * and leave no trace; anything else is one structured error line with the request's id.
 */
export function handleError(error: unknown, { request, context }: LoaderFunctionArgs | ActionFunctionArgs) {
  if (request.signal.aborted || isExpectedError(error)) return;
  getLogger().error({ err: error, reqId: context?.requestId, method: request.method, path: new URL(request.url).pathname }, "request failed");
}

const ABORT_DELAY = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = typeof loadContext?.cspNonce === "string" ? loadContext.cspNonce : undefined;
  // Bots (and SPA mode) get the whole page at once; browsers get the shell as soon as it is ready.
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const ready = () => {
      shellRendered = true;
      const body = new PassThrough();
      responseHeaders.set("Content-Type", "text/html");
      resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
      pipe(body);
    };
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        ...(waitForAll ? { onAllReady: ready } : { onShellReady: ready }),
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors inside the shell are logged here; those of the shell itself reject and Remix logs them.
          if (shellRendered) getLogger().error({ err: error, reqId: loadContext?.requestId, path: new URL(request.url).pathname }, "render failed");
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}
