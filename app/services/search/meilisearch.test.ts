// The Meilisearch adapter without a server (none can run on these machines): its pure helpers, and
// the requests it makes and how it handles tasks and failures, against a stubbed `fetch` that
// answers as Meilisearch does. test/contract/search-meilisearch.test.ts runs the real thing.
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  MeilisearchSearchIndex,
  MeilisearchTaskError,
  MeilisearchTaskPendingError,
  jsonBatches,
  meilisearchDocument,
  meilisearchQuery,
  meilisearchSettings,
  pagingPlan,
  pretokenise,
  settingsDrift,
  toMeilisearchFilter,
  versionProblem,
} from "./meilisearch.server";
import { INDEX_SCHEMAS, SearchIndexNotFoundError, SearchUnavailableError } from "./types";

const LIMITS = { maxTotalHits: 10_000_000, maxValuesPerFacet: 10_000 };
const WORKERS = INDEX_SCHEMAS.workers;

/**
 * A model of how Meilisearch matches a quoted phrase in an attribute: words are split at
 * separators; a soft separator (space) advances the position by 1, a hard one (".") by 8; a phrase
 * matches where its words sit at consecutive positions (exact words: no prefix, no typo).
 */
function phraseMatches(hidden: string | undefined, q: string): boolean {
  const words: { word: string; position: number }[] = [];
  let position = 0;
  for (const part of (hidden ?? "").split(" ")) {
    if (part === "") continue;
    if (part === ".") position += 7;
    else words.push({ word: part, position: position++ });
  }
  const phrases = [...q.matchAll(/"([^"]*)"/g)].map((m) => m[1].split(" "));
  return phrases.every((phrase) =>
    words.some((start, i) => phrase.every((word, k) => words[i + k]?.word === word && words[i + k].position === start.position + k)),
  );
}

describe("pre-tokenised text and phrase queries (issue 19 item 3)", () => {
  it("indexes one Han character per word, with hard separators where the text had spaces, punctuation or array boundaries", () => {
    expect(pretokenise("张桂兰")).toBe("张 桂 兰");
    expect(pretokenise("医院 护工，陪护")).toBe("医 院 . 护 工 . 陪 护");
    expect(pretokenise(["保洁", "护工"])).toBe("保 洁 . 护 工");
    expect(pretokenise("持证C1")).toBe("持 证 . c1");
    expect(pretokenise("电工 持证 Ｃ１")).toBe("电 工 . 持 证 . c1");
    expect(pretokenise("")).toBeUndefined();
    expect(pretokenise(null)).toBeUndefined();
    expect(pretokenise([])).toBeUndefined();
  });

  it("sends each Han run as a quoted phrase of its characters and each word as a one-word phrase", () => {
    expect(meilisearchQuery("王芳")).toBe('"王 芳"');
    expect(meilisearchQuery("护工 保洁")).toBe('"护 工" "保 洁"');
    expect(meilisearchQuery("C1证")).toBe('"c1" "证"');
    expect(meilisearchQuery("护工 护工")).toBe('"护 工"');
    expect(meilisearchQuery("")).toBe("");
  });

  it("strips query operators, full-width ones too after NFKC", () => {
    expect(meilisearchQuery("－保洁")).toBe('"保 洁"'); // full-width minus: no negation
    expect(meilisearchQuery("-保洁")).toBe('"保 洁"');
    expect(meilisearchQuery("＂护工＂ 保洁")).toBe('"护 工" "保 洁"');
    expect(meilisearchQuery('"护工')).toBe('"护 工"'); // an unbalanced quote cannot open a phrase
    expect(meilisearchQuery('--- "" －')).toBe(""); // nothing left: every document, as on the embedded engine
  });

  it("a name matches only where it occurs, not character by character (王芳 does not find 王丽 of 芳庄村)", () => {
    const doc = meilisearchDocument(WORKERS, { id: "w1", name: "王丽", villageName: "芳庄村" });
    expect(
      phraseMatches(doc.name__tokens as string, meilisearchQuery("王芳")) || phraseMatches(doc.villageName__tokens as string, meilisearchQuery("王芳")),
    ).toBe(false);
    const other = meilisearchDocument(WORKERS, { id: "w2", name: "王芳", villageName: "东庄村" });
    expect(phraseMatches(other.name__tokens as string, meilisearchQuery("王芳"))).toBe(true);
  });

  it("part of a dictionary word matches (焊工 inside 电焊工), across no separator", () => {
    expect(phraseMatches(pretokenise("电焊工 三年"), meilisearchQuery("焊工"))).toBe(true);
    expect(phraseMatches(pretokenise("电焊 工地"), meilisearchQuery("焊工"))).toBe(false);
    expect(phraseMatches(pretokenise(["电焊", "工地"]), meilisearchQuery("焊工"))).toBe(false);
  });

  it("Latin/digit words match whole words only (c1 does not find c12)", () => {
    expect(phraseMatches(pretokenise("持证 C1"), meilisearchQuery("c1"))).toBe(true);
    expect(phraseMatches(pretokenise("持证 C12"), meilisearchQuery("c1"))).toBe(false);
  });

  it("property: a Han query matches exactly when it is a substring of a text run (the embedded engine's truth)", () => {
    const han = fc.constantFrom(..."王芳丽张桂兰护工保洁电焊育婴师村庄");
    const text = fc.array(fc.oneof(han, fc.constantFrom(" ", "，", "、")), { maxLength: 30 }).map((cs) => cs.join(""));
    const query = fc.array(han, { minLength: 1, maxLength: 4 }).map((cs) => cs.join(""));
    fc.assert(
      fc.property(text, query, (t, q) => {
        const truth = t.split(/[ ，、]/).some((run) => run.includes(q));
        expect(phraseMatches(pretokenise(t), meilisearchQuery(q))).toBe(truth);
      }),
      { numRuns: 2000 },
    );
  });

  it("sends text fields only as their hidden copies; typed and other fields as they are", () => {
    const doc = meilisearchDocument(WORKERS, {
      id: "w1",
      name: "张桂兰",
      occupationNames: ["护工"],
      skillsText: "",
      countyCode: "130125",
      minWage: 4500,
      skillLevels: null,
      version: 3,
    });
    expect(doc).toEqual({
      id: "w1",
      name__tokens: "张 桂 兰",
      occupationNames__tokens: "护 工",
      countyCode: "130125",
      minWage: 4500,
      skillLevels: null,
      version: 3,
    });
  });
});

describe("settings, versions, paging, batches (pure)", () => {
  const settings = meilisearchSettings(WORKERS, LIMITS);

  it("searches only the hidden copies, shows only id and version, no facet search, no typos", () => {
    expect(settings.searchableAttributes).toEqual(["name__tokens", "occupationNames__tokens", "skillsText__tokens", "villageName__tokens"]);
    expect(settings.displayedAttributes).toEqual(["id", "version"]);
    expect(settings.facetSearch).toBe(false);
    expect(settings.typoTolerance).toEqual({ enabled: false });
    expect(settings.rankingRules?.[0]).toBe("sort");
    expect(settings.localizedAttributes).toEqual([{ attributePatterns: settings.searchableAttributes, locales: ["cmn"] }]);
    expect(settings.filterableAttributes).toEqual(WORKERS.filterable);
    expect(settings.pagination).toEqual({ maxTotalHits: 10_000_000 });
  });

  it("settings drift ignores order where Meilisearch sorts and defaults we do not set", () => {
    const asReturned = {
      ...settings,
      filterableAttributes: [...(settings.filterableAttributes as string[])].sort(),
      sortableAttributes: [...(settings.sortableAttributes as string[])].sort(),
      typoTolerance: { enabled: false, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 }, disableOnWords: [], disableOnAttributes: [] },
      faceting: { maxValuesPerFacet: 10_000, sortFacetValuesBy: { "*": "alpha" as const } },
      stopWords: [],
    };
    expect(settingsDrift(settings, asReturned)).toEqual([]);
    expect(settingsDrift(settings, { ...asReturned, rankingRules: ["words", "sort"], facetSearch: true })).toEqual(["rankingRules", "facetSearch"]);
    expect(settingsDrift(settings, { ...asReturned, searchableAttributes: ["*"] })).toEqual(["searchableAttributes"]);
    expect(settingsDrift(settings, {})).toHaveLength(Object.keys(settings).length);
  });

  it("refuses servers below 1.18 with a clear message", () => {
    expect(versionProblem("1.17.2")).toMatch(/1\.17\.2 is too old.*1\.18\.0 or later/);
    expect(versionProblem("0.30.0")).toMatch(/too old/);
    expect(versionProblem("1.18.0")).toBeNull();
    expect(versionProblem("1.18.0-rc.1")).toBeNull();
    expect(versionProblem("1.50.1")).toBeNull();
    expect(versionProblem("2.0.0")).toBeNull();
    expect(versionProblem("nightly")).toMatch(/unreadable/);
  });

  it("plans pages: page mode on the grid (exhaustive totals), two queries off it", () => {
    expect(pagingPlan(20, 0)).toEqual({ mode: "page", hitsPerPage: 20, page: 1 });
    expect(pagingPlan(20, 40)).toEqual({ mode: "page", hitsPerPage: 20, page: 3 });
    expect(pagingPlan(0, 35)).toEqual({ mode: "page", hitsPerPage: 0, page: 1 });
    expect(pagingPlan(20, 30)).toEqual({ mode: "split", offset: 30, limit: 20 });
  });

  it("batches documents by bytes, in order, a larger document alone", () => {
    const docs = Array.from({ length: 50 }, (_, i) => ({ id: `d${i}`, text: "护".repeat(i * 3) }));
    const batches = jsonBatches(docs, 1000);
    expect(batches.length).toBeGreaterThan(3);
    for (const body of batches) if (JSON.parse(body).length > 1) expect(Buffer.byteLength(body)).toBeLessThanOrEqual(1000);
    expect(batches.flatMap((body) => JSON.parse(body))).toEqual(docs);
    const big = { id: "big", text: "x".repeat(5000) };
    expect(jsonBatches([docs[0], big, docs[1]], 1000).map((b) => JSON.parse(b).map((d: { id: string }) => d.id))).toEqual([["d0"], ["big"], ["d1"]]);
    expect(jsonBatches([], 1000)).toEqual([]);
  });

  it("translates filters into Meilisearch's grammar", () => {
    expect(toMeilisearchFilter({ field: "status", op: "eq", value: 'a"b\\' })).toBe('status = "a\\"b\\\\"');
    expect(toMeilisearchFilter({ field: "countyCode", op: "in", values: ["130125", "130126"] })).toBe('countyCode IN ["130125", "130126"]');
    expect(toMeilisearchFilter({ field: "minWage", op: "range", gte: 1e21 })).toBe("minWage >= 1000000000000000000000");
    expect(toMeilisearchFilter({ field: "skillLevels", op: "exists" })).toBe("(skillLevels EXISTS AND skillLevels IS NOT NULL AND skillLevels IS NOT EMPTY)");
  });
});

// ---------------------------------------------------------------------------------------------
// Request shapes and task handling, against a stubbed fetch

type Call = { method: string; path: string; body: unknown; auth: string | null };
type Reply = { status?: number; body?: unknown } | "down" | "hang";

/** Stubs fetch with `route`; records every call. Meilisearch's error bodies carry message/code/type/link. */
function stubMeilisearch(route: (call: Call) => Reply) {
  const calls: Call[] = [];
  vi.stubGlobal("fetch", async (input: string | URL, init: RequestInit = {}) => {
    const url = new URL(String(input));
    const text = typeof init.body === "string" ? init.body : undefined;
    let body: unknown = text;
    try {
      body = text === undefined ? undefined : JSON.parse(text);
    } catch {
      /* not JSON */
    }
    const call: Call = { method: init.method ?? "GET", path: url.pathname + url.search, body, auth: new Headers(init.headers).get("Authorization") };
    calls.push(call);
    const reply = route(call);
    if (reply === "down") throw new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED 127.0.0.1:7700") });
    if (reply === "hang") {
      return new Promise((_, reject) => init.signal?.addEventListener("abort", () => reject(init.signal!.reason)));
    }
    return new Response(reply.body === undefined ? "" : JSON.stringify(reply.body), {
      status: reply.status ?? 200,
      headers: { "Content-Type": "application/json" },
    });
  });
  return calls;
}

const apiError = (status: number, code: string) => ({
  status,
  body: { message: `${code} happened`, code, type: "invalid_request", link: `https://docs.meilisearch.com/errors#${code}` },
});
const enqueued = (taskUid: number, type = "documentAdditionOrUpdate") => ({
  status: 202,
  body: { taskUid, indexUid: "x", status: "enqueued", type, enqueuedAt: "2026-12-07T00:00:00Z" },
});
const task = (uid: number, status: string, type = "documentAdditionOrUpdate", error: { code: string; message: string } | null = null) => ({
  body: {
    uid,
    batchUid: null,
    indexUid: "x",
    status,
    type,
    canceledBy: null,
    error,
    duration: null,
    enqueuedAt: "2026-12-07T00:00:00Z",
    startedAt: null,
    finishedAt: null,
  },
});

const writes = (calls: Call[]) => calls.filter((c) => c.method !== "GET" && !c.path.includes("search"));

afterEach(() => {
  vi.unstubAllGlobals();
});

const make = (options: Partial<ConstructorParameters<typeof MeilisearchSearchIndex>[0]> = {}) =>
  new MeilisearchSearchIndex({ host: "http://meili.test:7700", apiKey: "admin-key", indexPrefix: "lb_", log: () => {}, ...options });

describe("index management (items 1, 5)", () => {
  it("a web process (manageIndexes: false) makes no request to ensure an index, and searches with its own key", async () => {
    const calls = stubMeilisearch((c) =>
      c.path.endsWith("/search") ? { body: { hits: [{ id: "w1" }], totalHits: 1, facetDistribution: {} } } : apiError(500, "internal"),
    );
    const web = make({ manageIndexes: false, apiKey: "search-key" });
    await web.ensureIndex("workers", WORKERS);
    expect(calls).toEqual([]);
    const result = await web.search("workers", { q: "－保洁 王芳", filters: [{ field: "countyCode", op: "eq", value: "130125" }], limit: 20, offset: 40 });
    expect(result).toEqual({ hits: [{ id: "w1" }], total: 1, facets: {} });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ method: "POST", path: "/indexes/lb_workers/search", auth: "Bearer search-key" });
    expect(calls[0].body).toMatchObject({
      q: '"保 洁" "王 芳"',
      attributesToSearchOn: ["name__tokens", "occupationNames__tokens", "skillsText__tokens", "villageName__tokens"],
      matchingStrategy: "all",
      filter: ['countyCode = "130125"'],
      attributesToRetrieve: ["id"],
      hitsPerPage: 20,
      page: 3,
    });
  });

  it("an offset off the page grid asks hits by offset and totals by a count-only page query", async () => {
    const calls = stubMeilisearch(() => ({
      body: { results: [{ hits: [{ id: "w9" }] }, { hits: [], totalHits: 31, facetDistribution: { status: { active: 31 } } }] },
    }));
    const web = make({ manageIndexes: false });
    await web.ensureIndex("workers", WORKERS);
    expect(await web.search("workers", { limit: 20, offset: 30, facets: ["status"] })).toEqual({
      hits: [{ id: "w9" }],
      total: 31,
      facets: { status: { active: 31 } },
    });
    const [page, counts] = (calls[0].body as { queries: Record<string, unknown>[] }).queries;
    expect(calls[0].path).toBe("/multi-search");
    expect(page).toMatchObject({ indexUid: "lb_workers", q: "", offset: 30, limit: 20 });
    expect(counts).toMatchObject({ indexUid: "lb_workers", hitsPerPage: 0, page: 1, facets: ["status"] });
  });

  it("creates a missing index (index_already_exists from a racing process is fine) and applies settings, waiting for both", async () => {
    let settingsApplied = false;
    const calls = stubMeilisearch((c) => {
      if (c.method === "GET" && c.path === "/indexes/lb_workers/settings") return apiError(404, "index_not_found");
      if (c.method === "POST" && c.path === "/indexes") return enqueued(1, "indexCreation");
      if (c.path === "/tasks/1") return task(1, "failed", "indexCreation", { code: "index_already_exists", message: "exists" });
      if (c.method === "PATCH" && c.path === "/indexes/lb_workers/settings") return enqueued(2, "settingsUpdate");
      if (c.path === "/tasks/2") return ((settingsApplied = true), task(2, "succeeded", "settingsUpdate"));
      return apiError(500, "unexpected");
    });
    const worker = make();
    await worker.ensureIndex("workers", WORKERS);
    expect(settingsApplied).toBe(true);
    expect(writes(calls).map((c) => `${c.method} ${c.path}`)).toEqual(["POST /indexes", "PATCH /indexes/lb_workers/settings"]);
    expect(writes(calls)[0].body).toEqual({ uid: "lb_workers", primaryKey: "id" });
    expect(writes(calls)[1].body).toEqual(meilisearchSettings(WORKERS, LIMITS));
  });

  it("writes nothing when the server already holds the settings (an unchanged deploy enqueues no task)", async () => {
    const held = { ...meilisearchSettings(WORKERS, LIMITS), filterableAttributes: [...WORKERS.filterable].sort(), stopWords: [] };
    const calls = stubMeilisearch((c) => (c.path === "/indexes/lb_workers/settings" ? { body: held } : apiError(500, "unexpected")));
    await make().ensureIndex("workers", WORKERS);
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(["GET /indexes/lb_workers/settings"]);
  });

  it("a worker given the search-only key: 403 on the first read, reported as a refused key, nothing written", async () => {
    const calls = stubMeilisearch(() => apiError(403, "invalid_api_key"));
    const attempt = make({ apiKey: "search-key" }).ensureIndex("workers", WORKERS);
    await expect(attempt).rejects.toBeInstanceOf(SearchUnavailableError);
    await expect(attempt).rejects.toMatchObject({ reason: "forbidden", message: expect.stringContaining("MEILI_ADMIN_KEY") });
    expect(calls.every((c) => c.method === "GET" && c.auth === "Bearer search-key")).toBe(true);
  });

  it("verify is read-only and names missing indexes and drifted settings", async () => {
    const calls = stubMeilisearch((c) => {
      if (c.path === "/indexes/lb_workers/settings") return { body: { ...meilisearchSettings(WORKERS, LIMITS), facetSearch: true } };
      if (c.path === "/indexes/lb_postings/settings") return apiError(404, "index_not_found");
      return apiError(403, "invalid_api_key");
    });
    const problems = await make({ manageIndexes: false }).verify(
      new Map([
        ["workers", WORKERS],
        ["postings", INDEX_SCHEMAS.postings],
        ["trainingOrders", INDEX_SCHEMAS.trainingOrders],
      ]),
    );
    expect(problems).toEqual([
      { index: "lb_workers", problem: "drift", detail: expect.stringContaining("facetSearch") },
      { index: "lb_postings", problem: "missing", detail: expect.stringContaining("search:setup") },
      { index: "lb_trainingOrders", problem: "unreadable", detail: expect.stringContaining("refused the key") },
    ]);
    expect(calls.every((c) => c.method === "GET")).toBe(true);
  });

  it("dropping a missing index is fine (index_not_found); another failure keeps Meilisearch's code", async () => {
    stubMeilisearch((c) => {
      if (c.method === "DELETE" && c.path === "/indexes/lb_workers") return enqueued(5, "indexDeletion");
      if (c.path === "/tasks/5") return task(5, "failed", "indexDeletion", { code: "index_not_found", message: "no such index" });
      if (c.method === "DELETE" && c.path === "/indexes/lb_postings") return enqueued(6, "indexDeletion");
      if (c.path === "/tasks/6") return task(6, "failed", "indexDeletion", { code: "internal", message: "disk full" });
      return apiError(500, "unexpected");
    });
    const worker = make();
    await expect(worker.dropIndex("workers")).resolves.toBeUndefined();
    const failure = worker.dropIndex("postings");
    await expect(failure).rejects.toBeInstanceOf(MeilisearchTaskError);
    await expect(failure).rejects.toMatchObject({ code: "internal", taskUid: 6, type: "indexDeletion" });
  });

  it("a swap still processing past the task timeout is polled to its end, not reported failed", async () => {
    let polls = 0;
    const calls = stubMeilisearch((c) => {
      if (c.path === "/indexes/lb_workers/settings" || c.path === "/indexes/lb_workers__shadow/settings") return { body: meilisearchSettings(WORKERS, LIMITS) };
      if (c.method === "POST" && c.path === "/swap-indexes") return enqueued(9, "indexSwap");
      if (c.path === "/tasks/9") return ++polls < 6 ? task(9, "processing", "indexSwap") : task(9, "succeeded", "indexSwap");
      return apiError(500, "unexpected");
    });
    const worker = make({ taskTimeoutMs: 1 });
    await worker.ensureIndex("workers", WORKERS);
    await worker.ensureIndex("workers__shadow", WORKERS);
    await worker.swap("workers", "workers__shadow");
    expect(polls).toBe(6);
    expect(calls.find((c) => c.path === "/swap-indexes")?.body).toEqual([{ indexes: ["lb_workers", "lb_workers__shadow"], rename: false }]);
  });

  it("setup refuses a server older than 1.18", async () => {
    stubMeilisearch((c) => (c.path === "/version" ? { body: { pkgVersion: "1.17.1", commitSha: "x", commitDate: "x" } } : apiError(500, "unexpected")));
    await expect(make().checkVersion()).rejects.toThrow(/1\.17\.1 is too old/);
    stubMeilisearch((c) => (c.path === "/version" ? { body: { pkgVersion: "1.50.0", commitSha: "x", commitDate: "x" } } : apiError(500, "unexpected")));
    await expect(make().checkVersion()).resolves.toBe("1.50.0");
  });
});

describe("document writes (items 5, 8)", () => {
  const ensured = async (options: Partial<ConstructorParameters<typeof MeilisearchSearchIndex>[0]> = {}) => {
    const index = make({ manageIndexes: false, ...options });
    await index.ensureIndex("workers", WORKERS);
    return index;
  };
  const docs = Array.from({ length: 40 }, (_, i) => ({
    id: `w${i}`,
    name: `张${i}`,
    skillsText: "医院 护工 陪护 ".repeat(5),
    countyCode: "130125",
    version: 1,
  }));

  it("sends batches sized by bytes, one after another, with the hidden copies, and waits for each task", async () => {
    let next = 100;
    const calls = stubMeilisearch((c) => {
      if (c.method === "POST" && c.path.startsWith("/indexes/lb_workers/documents")) return enqueued(next++);
      if (c.path.startsWith("/tasks/")) return task(Number(c.path.slice(7)), "succeeded");
      return apiError(500, "unexpected");
    });
    await (await ensured({ maxBatchBytes: 2000 })).upsert("workers", docs);
    const posts = calls.filter((c) => c.method === "POST");
    expect(posts.length).toBeGreaterThan(2);
    expect(posts[0].path).toBe("/indexes/lb_workers/documents?primaryKey=id");
    const sent = posts.flatMap((c) => c.body as Record<string, unknown>[]);
    expect(sent.map((d) => d.id)).toEqual(docs.map((d) => d.id));
    expect(sent[0]).toEqual({
      id: "w0",
      name__tokens: "张 . 0",
      skillsText__tokens: expect.stringMatching(/^医 院 \. 护 工 \. 陪 护/),
      countyCode: "130125",
      version: 1,
    });
    for (const post of posts) expect(Buffer.byteLength(JSON.stringify(post.body))).toBeLessThanOrEqual(2000);
    expect(calls.filter((c) => c.path.startsWith("/tasks/")).map((c) => c.path)).toEqual(posts.map((_, i) => `/tasks/${100 + i}`));
  });

  it("a batch the server rejects fails the write with nothing left in flight (no unhandled rejection)", async () => {
    let posted = 0;
    const calls = stubMeilisearch((c) => {
      if (c.method === "POST") return ++posted === 2 ? apiError(413, "payload_too_large") : enqueued(posted);
      return task(1, "succeeded");
    });
    await expect((await ensured({ maxBatchBytes: 2000 })).upsert("workers", docs)).rejects.toMatchObject({ cause: { code: "payload_too_large" } });
    expect(calls.filter((c) => c.method === "POST")).toHaveLength(2);
  });

  it("a document task still processing after the timeout is MeilisearchTaskPendingError (it will still run)", async () => {
    stubMeilisearch((c) => (c.method === "POST" ? enqueued(7) : task(7, "processing")));
    const write = (await ensured({ taskTimeoutMs: 30 })).upsert("workers", docs.slice(0, 1));
    await expect(write).rejects.toBeInstanceOf(MeilisearchTaskPendingError);
    await expect(write).rejects.toMatchObject({ taskUid: 7, status: "processing" });
  });

  it("a failed document task keeps Meilisearch's error code", async () => {
    stubMeilisearch((c) =>
      c.method === "POST" ? enqueued(8) : task(8, "failed", "documentAdditionOrUpdate", { code: "invalid_document_id", message: "bad id" }),
    );
    await expect((await ensured()).upsert("workers", docs.slice(0, 1))).rejects.toMatchObject({ name: "MeilisearchTaskError", code: "invalid_document_id" });
  });

  it("deferred pages are sent without waiting; settle waits for them and for the index's queue, and fails if one failed", async () => {
    let next = 20;
    let busyPolls = 0;
    const calls = stubMeilisearch((c) => {
      if (c.method === "POST") return enqueued(next++);
      if (c.path === "/tasks/21") return task(21, "failed", "documentAdditionOrUpdate", { code: "invalid_document_fields", message: "bad" });
      if (c.path.startsWith("/tasks?indexUids=lb_workers"))
        return { body: { results: busyPolls++ < 2 ? [{ uid: 99 }] : [], total: 0, limit: 1, from: null, next: null } };
      if (c.path.startsWith("/tasks?types=indexSwap")) return { body: { results: [], total: 0, limit: 1, from: null, next: null } };
      if (c.path.startsWith("/tasks/")) return task(Number(c.path.slice(7)), "succeeded");
      return apiError(500, "unexpected");
    });
    const index = await ensured();
    await index.upsert("workers", docs.slice(0, 5), { defer: true });
    await index.upsert("workers", docs.slice(5, 10), { defer: true });
    expect(calls.filter((c) => c.path.startsWith("/tasks"))).toEqual([]);
    await expect(index.settle(["workers"])).rejects.toMatchObject({ code: "invalid_document_fields", taskUid: 21 });

    await index.upsert("workers", docs.slice(0, 5), { defer: true });
    await index.settle(["workers"]);
    const queueChecks = calls.filter((c) => c.path.startsWith("/tasks?indexUids=lb_workers"));
    expect(queueChecks.length).toBe(3);
    expect(queueChecks[0].path).toMatch(/statuses=enqueued(%2C|,)processing/);
    expect(busyPolls).toBe(3);
  });
});

describe("a server that is down, hung or refuses the key (item 6)", () => {
  const web = async (options: Partial<ConstructorParameters<typeof MeilisearchSearchIndex>[0]> = {}) => {
    const index = make({ manageIndexes: false, apiKey: "search-key", ...options });
    await index.ensureIndex("workers", WORKERS);
    return index;
  };

  it("down: search unavailable (unreachable); ping is false", async () => {
    stubMeilisearch(() => "down");
    const index = await web();
    await expect(index.search("workers", { q: "护工" })).rejects.toMatchObject({ name: "SearchUnavailableError", reason: "unreachable" });
    expect(await index.ping()).toBe(false);
  });

  it("hung: the request timeout gives search unavailable (timeout) instead of waiting", async () => {
    stubMeilisearch(() => "hang");
    const started = Date.now();
    await expect((await web({ requestTimeoutMs: 100 })).search("workers", {})).rejects.toMatchObject({ reason: "timeout" });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("403 with a search-only key: unavailable (forbidden) for a search, and ping (an authenticated limit-0 search) is false", async () => {
    const calls = stubMeilisearch(() => apiError(403, "invalid_api_key"));
    const index = await web();
    await expect(index.search("workers", {})).rejects.toBeInstanceOf(SearchUnavailableError);
    await expect(index.search("workers", {})).rejects.toMatchObject({ reason: "forbidden" });
    expect(await index.ping()).toBe(false);
    const ping = calls.at(-1)!;
    expect(ping).toMatchObject({ method: "POST", path: "/multi-search", auth: "Bearer search-key" });
    expect(ping.body).toEqual({ queries: [{ indexUid: "lb_workers", q: "", limit: 0 }] });
  });

  it("a 5xx is unavailable; a missing index is SearchIndexNotFoundError", async () => {
    stubMeilisearch(() => apiError(503, "internal"));
    await expect((await web()).search("workers", {})).rejects.toMatchObject({ reason: "server_error" });
    stubMeilisearch(() => apiError(404, "index_not_found"));
    await expect((await web()).search("workers", {})).rejects.toBeInstanceOf(SearchIndexNotFoundError);
  });

  it("ping succeeds with an authenticated search over every ensured index", async () => {
    const calls = stubMeilisearch(() => ({ body: { results: [] } }));
    expect(await (await web()).ping()).toBe(true);
    expect(calls).toHaveLength(1);
  });
});
