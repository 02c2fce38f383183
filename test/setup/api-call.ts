// Calls a /api/v1 route module's loader or action the way Remix would, with a bearer token and an
// optional JSON body; a thrown Response (404, 401 …) comes back as the answer.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each route's loader/action takes its own args type
type Handler = (a: any) => unknown;

export async function callApi(
  fn: Handler,
  path: string,
  token: string,
  init: { method?: string; body?: unknown } = {},
  params: Record<string, string> = {},
): Promise<Response> {
  const request = new Request(`http://localhost${path}`, {
    method: init.method ?? "GET",
    headers: { Authorization: `Bearer ${token}`, ...(init.body !== undefined ? { "Content-Type": "application/json" } : {}) },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  return callRoute(fn, request, params);
}

/**
 * What Remix makes of a route's data() answer (`{ type: "DataWithResponseInit", data, init }`): the
 * data with the init's status (200 when none) and headers, here as a JSON Response so a test reads
 * `.status` and `.json()` as for a returned Response. A Response and plain loader data pass as they are.
 */
export function asResponse(result: unknown): Response {
  if (isDataWithResponseInit(result)) {
    const init = result.init ?? {};
    return Response.json(result.data, { status: init.status ?? 200, headers: init.headers });
  }
  return result as Response;
}

function isDataWithResponseInit(value: unknown): value is { type: "DataWithResponseInit"; data: unknown; init: ResponseInit | null } {
  return typeof value === "object" && value !== null && (value as { type?: unknown }).type === "DataWithResponseInit" && "data" in value && "init" in value;
}

/** Calls any route module's loader or action with a ready-made Request; a thrown Response is the answer, a data() answer becomes one (asResponse). */
export async function callRoute(fn: Handler, request: Request, params: Record<string, string> = {}): Promise<Response> {
  try {
    return asResponse(await fn({ request, params, context: {} }));
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** What a route answers as a test reads it: a Response, or a loader's plain data as it is. */
export type RouteAnswer = Response | Record<string, unknown>;

/** callRoute for a route whose loader may answer plain data. */
export const callForAnswer = (fn: Handler, request: Request, params: Record<string, string> = {}) => callRoute(fn, request, params) as Promise<RouteAnswer>;
export const statusOf = (r: RouteAnswer) => (r instanceof Response ? r.status : 200);
export const jsonOf = async (r: RouteAnswer) => (r instanceof Response ? r.json() : r);

/** A browser's GET with a session cookie. */
export const getWithCookie = (path: string, cookie: string) => new Request(`http://localhost${path}`, { headers: { Cookie: cookie } });

/** A browser's same-origin form POST (urlencoded) with a session cookie. */
export function formPost(
  path: string,
  cookie: string,
  fields: Record<string, string>,
  headers: Record<string, string> = { "Sec-Fetch-Site": "same-origin" },
): Request {
  return new Request(`http://localhost${path}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded", ...headers },
  });
}

/** A browser's multipart POST of one `file` field (without one: an empty form) with a session cookie. */
export function filePost(path: string, cookie: string, file?: File): Request {
  const body = new FormData();
  if (file) body.append("file", file);
  return new Request(`http://localhost${path}`, { method: "POST", headers: { Cookie: cookie }, body });
}
