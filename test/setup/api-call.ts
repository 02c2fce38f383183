// Calls a /api/v1 route module's loader or action the way Remix would, with a bearer token and an
// optional JSON body; a thrown Response (404, 401 …) comes back as the answer.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each route's loader/action takes its own args type
type Handler = (a: any) => unknown;

export async function callApi(fn: Handler, path: string, token: string, init: { method?: string; body?: unknown } = {}, params: Record<string, string> = {}): Promise<Response> {
  const request = new Request(`http://localhost${path}`, {
    method: init.method ?? "GET",
    headers: { Authorization: `Bearer ${token}`, ...(init.body !== undefined ? { "Content-Type": "application/json" } : {}) },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  return callRoute(fn, request, params);
}

/** Calls any route module's loader or action with a ready-made Request; a thrown Response is the answer. */
export async function callRoute(fn: Handler, request: Request, params: Record<string, string> = {}): Promise<Response> {
  try {
    return (await fn({ request, params, context: {} })) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** A browser's same-origin form POST (urlencoded) with a session cookie. */
export function formPost(path: string, cookie: string, fields: Record<string, string>, headers: Record<string, string> = { "Sec-Fetch-Site": "same-origin" }): Request {
  return new Request(`http://localhost${path}`, { method: "POST", body: new URLSearchParams(fields), headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded", ...headers } });
}
