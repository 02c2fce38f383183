import { mulberry32 } from "~/domain/prng";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { matchesQuery, queryTerms, searchableText } from "./brute-force";
import {
  INDEX_SCHEMAS,
  InvalidSearchDocumentError,
  InvalidSearchQueryError,
  SearchIndexNotFoundError,
  shadowIndexName,
  type SearchDocument,
  type SearchFilter,
  type SearchIndex,
  type SearchIndexName,
  type SearchQuery,
  type SearchResult,
} from "~/services/search/types";

/**
 * The behaviour every SearchIndex adapter must show. Text cases are chosen so that substring
 * matching (embedded bigrams) and word segmentation (Meilisearch) agree: a query word either
 * occurs whole in a document or not all of its characters occur there (checked below).
 */
export interface SearchContractOptions {
  /**
   * The adapter matches any Han substring (embedded bigrams). Then the brute-force comparison
   * also asks arbitrary two-character substrings, not just whole vocabulary words.
   */
  substringQueries?: boolean;
}

const WORKERS = "workers" satisfies SearchIndexName;
const SHADOW = shadowIndexName("workers");
const POSTINGS = "postings" satisfies SearchIndexName;
const USED_INDEXES: SearchIndexName[] = [WORKERS, SHADOW, POSTINGS];

type WorkerFields = {
  name: string;
  occupationNames: string[];
  skillsText: string;
  villageName: string;
  provinceCode: string;
  prefectureCode: string;
  countyCode: string;
  townshipCode: string;
  occupationCodes: string[];
  skillLevels: string[] | null;
  isPoorHousehold: boolean;
  status: string;
  availableFrom: number | null;
  minWage: number;
  registeredAt: number;
};
type Worker = SearchDocument & WorkerFields;

function worker(id: string, fields: Omit<WorkerFields, "provinceCode" | "prefectureCode" | "townshipCode" | "registeredAt">): Worker {
  return {
    ...fields,
    id,
    provinceCode: "130000",
    prefectureCode: fields.countyCode.slice(0, 4) + "00",
    townshipCode: fields.countyCode + "101",
    registeredAt: 1_700_000_000_000 + Number(id.slice(1)) * 60_000,
  };
}

// prettier-ignore
const FIXTURE: Worker[] = [
  worker("w01", { name: "张桂兰", occupationNames: ["护工"], skillsText: "医院 护工 陪护 三年", villageName: "东庄村",
    countyCode: "130125", occupationCodes: ["4-10-01-02"], skillLevels: ["intermediate"],
    isPoorHousehold: true, status: "active", availableFrom: 20000, minWage: 4500 }),
  worker("w02", { name: "李秀英", occupationNames: ["保洁", "护工"], skillsText: "家庭 保洁 护工", villageName: "西河村",
    countyCode: "130125", occupationCodes: ["4-10-01-02", "4-09-08-01"], skillLevels: ["junior"],
    isPoorHousehold: false, status: "active", availableFrom: 20010, minWage: 3800 }),
  worker("w03", { name: "王芳", occupationNames: ["育婴师"], skillsText: "育婴师 证书 早教", villageName: "南关村",
    countyCode: "130126", occupationCodes: ["4-10-01-03"], skillLevels: ["senior"],
    isPoorHousehold: true, status: "active", availableFrom: null, minWage: 6000 }),
  worker("w04", { name: "赵丽", occupationNames: ["育婴"], skillsText: "育婴 月子 照料", villageName: "北关村",
    countyCode: "130126", occupationCodes: ["4-10-01-03"], skillLevels: [],
    isPoorHousehold: false, status: "inactive", availableFrom: 20030, minWage: 5200 }),
  worker("w05", { name: "刘强", occupationNames: ["电焊"], skillsText: "电焊 氩弧焊 五年", villageName: "北庄村",
    countyCode: "130127", occupationCodes: ["6-18-02-04"], skillLevels: ["senior"],
    isPoorHousehold: true, status: "active", availableFrom: 20005, minWage: 7000 }),
  worker("w06", { name: "陈刚", occupationNames: ["电工"], skillsText: "电工 持证 C1", villageName: "前屯村",
    countyCode: "130127", occupationCodes: ["6-31-01-03"], skillLevels: ["junior"],
    isPoorHousehold: false, status: "active", availableFrom: 20020, minWage: 5500 }),
  worker("w07", { name: "杨洁", occupationNames: ["保洁"], skillsText: "商场 保洁 夜班", villageName: "东庄村",
    countyCode: "130125", occupationCodes: ["4-09-08-01"], skillLevels: null,
    isPoorHousehold: true, status: "active", availableFrom: 20015, minWage: 3500 }),
  worker("w08", { name: "周保国", occupationNames: ["厨师"], skillsText: "中餐 厨师 面点", villageName: "后营村",
    countyCode: "130128", occupationCodes: ["4-03-02-01"], skillLevels: ["intermediate"],
    isPoorHousehold: false, status: "active", availableFrom: 20040, minWage: 6500 }),
];

const FIXTURE_QUERIES = ["护工", "保洁", "育婴", "电焊", "育婴师", "张桂兰", "瓦匠"];

/** The fixture keeps substring truth and word segmentation in agreement (see file comment). */
function expectUnambiguous(docs: readonly SearchDocument[], words: readonly string[]) {
  for (const doc of docs) {
    const text = searchableText(doc);
    for (const word of words) {
      const hasWord = text.includes(word);
      const hasAllChars = Array.from(word).every((char) => text.includes(char));
      expect(hasWord || !hasAllChars, `${doc.id} has every character of ${word} but not the word`).toBe(true);
    }
  }
}

const idsOf = (result: SearchResult) => result.hits.map((hit) => hit.id);
const sortedIdsOf = (result: SearchResult) => idsOf(result).sort();

// ---------------------------------------------------------------------------------------------
// Synthetic data for the brute-force comparison (deterministic)

/** No two words share a character, and names/villages use none of them (checked in the test). */
const VOCABULARY = [
  "护工",
  "保洁",
  "育婴",
  "电焊",
  "厨师",
  "司机",
  "快递",
  "瓦匠",
  "月嫂",
  "油漆",
  "钢筋",
  "装卸",
  "收银",
  "门卫",
  "绿化",
  "缝纫",
  "烹饪",
  "家政",
  "叉车证",
  "水暖",
  "园林",
  "美容",
  "汽修",
  "搬运",
];
const SURNAMES = Array.from("李王张刘陈杨赵黄周吴徐孙马朱胡郭");
const GIVEN_NAMES = Array.from("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英华兰桂");
const VILLAGE_PARTS = [Array.from("东西南北前后"), Array.from("庄屯营岗坡峪")];
const COUNTIES = ["130125", "130126", "130127", "130128", "130129", "130130", "130131", "130132"];
const OCCUPATION_CODES = [
  "4-10-01-02",
  "4-09-08-01",
  "4-10-01-03",
  "6-18-02-04",
  "6-31-01-03",
  "4-03-02-01",
  "4-02-01-01",
  "6-29-01-01",
  "4-07-05-01",
  "6-23-03-02",
  "4-10-04-01",
  "6-30-05-01",
];
const SKILL_LEVELS = ["junior", "intermediate", "senior"];
const STATUSES = ["active", "inactive", "placed"];

function syntheticWorkers(count: number, seed: number): Worker[] {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const some = <T>(items: readonly T[], min: number, max: number) => {
    const n = min + Math.floor(random() * (max - min + 1));
    return [...new Set(Array.from({ length: n }, () => pick(items)))];
  };
  return Array.from({ length: count }, (_, i) => {
    const countyCode = pick(COUNTIES);
    return {
      id: `s${String(i).padStart(5, "0")}`,
      name: pick(SURNAMES) + some(GIVEN_NAMES, 1, 2).join(""),
      occupationNames: some(VOCABULARY, 1, 2),
      skillsText: `${some(VOCABULARY, 1, 3).join("、")} 经验${1 + Math.floor(random() * 9)}年`,
      villageName: `${pick(VILLAGE_PARTS[0])}${pick(VILLAGE_PARTS[1])}村`,
      provinceCode: "130000",
      prefectureCode: countyCode.slice(0, 4) + "00",
      countyCode,
      townshipCode: countyCode + String(101 + Math.floor(random() * 5)),
      occupationCodes: some(OCCUPATION_CODES, 1, 3),
      skillLevels: random() < 0.2 ? null : some(SKILL_LEVELS, 0, 2),
      isPoorHousehold: random() < 0.4,
      status: pick(STATUSES),
      availableFrom: random() < 0.1 ? null : 19_900 + Math.floor(random() * 200),
      minWage: 3000 + 100 * Math.floor(random() * 51),
      // A permutation of 0..count-1, so sorting by it differs from insertion order but has no ties.
      registeredAt: 1_700_000_000_000 + ((i * 7919) % count) * 1000,
    };
  });
}

/** The expected answer, computed independently of any adapter (test/contract/brute-force.ts). */
function naiveMatches(docs: readonly Worker[], query: { q: string; filters: SearchFilter[] }): Worker[] {
  const terms = queryTerms(query.q);
  return docs.filter((doc) => matchesQuery(doc, terms, query.filters));
}

function naiveFacet(docs: readonly Worker[], field: keyof Worker): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const doc of docs) {
    const value = doc[field];
    for (const v of Array.isArray(value) ? value : value == null || value === "" ? [] : [value]) {
      counts[String(v)] = (counts[String(v)] ?? 0) + 1;
    }
  }
  return counts;
}

// ---------------------------------------------------------------------------------------------

export function runSearchContract(name: string, makeIndex: () => Promise<SearchIndex>, options: SearchContractOptions = {}) {
  describe(`search contract: ${name}`, () => {
    let index: SearchIndex;

    beforeEach(async () => {
      index = await makeIndex();
    });

    afterEach(async () => {
      for (const indexName of USED_INDEXES) await index.dropIndex(indexName);
      await index.close();
    });

    async function withFixture() {
      await index.ensureIndex(WORKERS, INDEX_SCHEMAS.workers);
      await index.upsert(WORKERS, FIXTURE);
    }

    const search = (query: SearchQuery) => index.search(WORKERS, { limit: 100, ...query });

    it("the text fixture is unambiguous", () => {
      expectUnambiguous(FIXTURE, FIXTURE_QUERIES);
    });

    describe("index lifecycle", () => {
      it("ensureIndex is idempotent and keeps documents", async () => {
        await index.ensureIndex(WORKERS, INDEX_SCHEMAS.workers);
        await index.ensureIndex(WORKERS, INDEX_SCHEMAS.workers);
        await index.upsert(WORKERS, FIXTURE);
        await index.ensureIndex(WORKERS, INDEX_SCHEMAS.workers);
        expect(await index.count(WORKERS)).toBe(FIXTURE.length);
        expect(sortedIdsOf(await search({ q: "护工" }))).toEqual(["w01", "w02"]);
      });

      it("rejects use of an index that was not ensured", async () => {
        await expect(index.search(WORKERS, { q: "护工" })).rejects.toBeInstanceOf(SearchIndexNotFoundError);
        await expect(index.upsert(WORKERS, FIXTURE)).rejects.toBeInstanceOf(SearchIndexNotFoundError);
      });

      it("keeps indexes apart", async () => {
        await withFixture();
        await index.ensureIndex(POSTINGS, INDEX_SCHEMAS.postings);
        await index.upsert(POSTINGS, [{ id: "p1", title: "招聘护工", employerId: "e1", status: "open", wageMin: 5000 }]);
        expect(sortedIdsOf(await search({ q: "护工" }))).toEqual(["w01", "w02"]);
        expect(idsOf(await index.search(POSTINGS, { q: "护工" }))).toEqual(["p1"]);
        expect(await index.count(POSTINGS)).toBe(1);
      });

      it("counts and lists ids", async () => {
        await withFixture();
        expect(await index.count(WORKERS)).toBe(8);
        expect((await index.allIds(WORKERS)).sort()).toEqual(FIXTURE.map((doc) => doc.id));
      });

      it("upsert replaces a document: no duplicate, old text and values no longer match", async () => {
        await withFixture();
        await index.upsert(WORKERS, [{ ...FIXTURE[0], occupationNames: ["保洁"], skillsText: "宾馆 保洁", countyCode: "130128" }]);
        expect(await index.count(WORKERS)).toBe(8);
        expect(sortedIdsOf(await search({ q: "护工" }))).toEqual(["w02"]);
        expect(sortedIdsOf(await search({ q: "保洁" }))).toEqual(["w01", "w02", "w07"]);
        expect(sortedIdsOf(await search({ filters: [{ field: "countyCode", op: "eq", value: "130128" }] }))).toEqual(["w01", "w08"]);
      });

      it("a batch with the same id twice keeps the last one", async () => {
        await index.ensureIndex(WORKERS, INDEX_SCHEMAS.workers);
        await index.upsert(WORKERS, [FIXTURE[0], { ...FIXTURE[0], occupationNames: ["厨师"], skillsText: "厨师" }]);
        expect(await index.count(WORKERS)).toBe(1);
        expect(idsOf(await search({ q: "厨师" }))).toEqual(["w01"]);
        expect(idsOf(await search({ q: "护工" }))).toEqual([]);
      });

      it("removes documents, ignoring unknown ids", async () => {
        await withFixture();
        await index.remove(WORKERS, ["w01", "w05", "nobody"]);
        expect(await index.count(WORKERS)).toBe(6);
        expect(sortedIdsOf(await search({ q: "护工" }))).toEqual(["w02"]);
        expect((await search({ filters: [{ field: "minWage", op: "eq", value: 7000 }] })).total).toBe(0);
      });

      it("a word whose only document was removed matches nothing (and does not fail)", async () => {
        await index.ensureIndex(WORKERS, INDEX_SCHEMAS.workers);
        await index.upsert(WORKERS, [{ ...FIXTURE[0], id: "solo1", name: "赵临时" }]);
        expect(idsOf(await search({ q: "赵临时" }))).toEqual(["solo1"]);
        await index.remove(WORKERS, ["solo1"]);
        expect(await search({ q: "赵临时" })).toMatchObject({ total: 0, hits: [] });
      });

      it("rejects a document with a wrongly typed field", async () => {
        await index.ensureIndex(WORKERS, INDEX_SCHEMAS.workers);
        await expect(index.upsert(WORKERS, [{ ...FIXTURE[0], minWage: "4500" }])).rejects.toBeInstanceOf(InvalidSearchDocumentError);
        await expect(index.upsert(WORKERS, [{ ...FIXTURE[0], id: "bad id" }])).rejects.toBeInstanceOf(InvalidSearchDocumentError);
      });

      it("swap exchanges the contents of two indexes", async () => {
        await withFixture();
        await index.ensureIndex(SHADOW, INDEX_SCHEMAS.workers);
        const rebuilt = [worker("w91", { ...FIXTURE[0], name: "孙红", skillsText: "养老院 护工" }), worker("w92", { ...FIXTURE[6], name: "马兰" })];
        await index.upsert(SHADOW, rebuilt);
        await index.swap(WORKERS, SHADOW);
        expect(await index.count(WORKERS)).toBe(2);
        expect(await index.count(SHADOW)).toBe(8);
        expect(idsOf(await search({ q: "护工" }))).toEqual(["w91"]);
        expect(sortedIdsOf(await index.search(SHADOW, { q: "护工" }))).toEqual(["w01", "w02"]);
        // Writes after the swap land in the swapped-in contents.
        await index.upsert(WORKERS, [FIXTURE[1]]);
        expect(sortedIdsOf(await search({ q: "护工" }))).toEqual(["w02", "w91"]);
      });

      it("dropIndex deletes the index; ensuring it again starts empty", async () => {
        await withFixture();
        await index.dropIndex(WORKERS);
        await expect(index.search(WORKERS, {})).rejects.toBeInstanceOf(SearchIndexNotFoundError);
        await index.dropIndex(WORKERS); // dropping a missing index is fine
        await index.ensureIndex(WORKERS, INDEX_SCHEMAS.workers);
        expect(await index.count(WORKERS)).toBe(0);
        expect((await search({ q: "护工" })).total).toBe(0);
      });

      it("answers ping", async () => {
        expect(await index.ping()).toBe(true);
      });
    });

    describe("text", () => {
      beforeEach(withFixture);

      it.each([
        ["护工", ["w01", "w02"]],
        ["保洁", ["w02", "w07"]],
        ["育婴", ["w03", "w04"]],
        ["电焊", ["w05"]],
        ["育婴师", ["w03"]],
        ["张桂兰", ["w01"]],
        ["瓦匠", []],
      ])("%s matches exactly the documents containing it", async (q, expected) => {
        const result = await search({ q });
        expect(sortedIdsOf(result)).toEqual(expected);
        expect(result.total).toBe(expected.length);
      });

      it("requires every term (AND)", async () => {
        expect(sortedIdsOf(await search({ q: "护工 保洁" }))).toEqual(["w02"]);
        expect(sortedIdsOf(await search({ q: "电焊 保洁" }))).toEqual([]);
      });

      it("matches Latin/digit words case-insensitively and full-width forms", async () => {
        expect(idsOf(await search({ q: "c1" }))).toEqual(["w06"]);
        expect(idsOf(await search({ q: "Ｃ１" }))).toEqual(["w06"]);
      });

      it("an empty query returns every document", async () => {
        const result = await search({});
        expect(result.total).toBe(8);
        expect(sortedIdsOf(result)).toEqual(FIXTURE.map((doc) => doc.id));
        expect((await search({ q: "" })).total).toBe(8);
      });

      it("returns hits as ids", async () => {
        expect((await search({ q: "电焊" })).hits).toEqual([{ id: "w05" }]);
      });
    });

    describe("filters", () => {
      beforeEach(withFixture);

      const cases: [string, SearchFilter[], string[]][] = [
        ["eq on a string", [{ field: "status", op: "eq", value: "inactive" }], ["w04"]],
        ["eq on a boolean", [{ field: "isPoorHousehold", op: "eq", value: true }], ["w01", "w03", "w05", "w07"]],
        ["eq on a number", [{ field: "minWage", op: "eq", value: 5500 }], ["w06"]],
        ["eq on an array element", [{ field: "occupationCodes", op: "eq", value: "4-10-01-02" }], ["w01", "w02"]],
        ["in on a string", [{ field: "countyCode", op: "in", values: ["130126", "130128"] }], ["w03", "w04", "w08"]],
        ["in on an array (any element)", [{ field: "occupationCodes", op: "in", values: ["4-09-08-01", "6-18-02-04"] }], ["w02", "w05", "w07"]],
        ["range, both bounds inclusive", [{ field: "minWage", op: "range", gte: 4500, lte: 6000 }], ["w01", "w03", "w04", "w06"]],
        ["range, lower bound only (missing values excluded)", [{ field: "availableFrom", op: "range", gte: 20020 }], ["w04", "w06", "w08"]],
        ["exists (null is no value)", [{ field: "availableFrom", op: "exists" }], ["w01", "w02", "w04", "w05", "w06", "w07", "w08"]],
        ["exists (null and [] are no value)", [{ field: "skillLevels", op: "exists" }], ["w01", "w02", "w03", "w05", "w06", "w08"]],
        [
          "several filters are ANDed",
          [
            { field: "countyCode", op: "in", values: ["130125", "130127"] },
            { field: "isPoorHousehold", op: "eq", value: true },
          ],
          ["w01", "w05", "w07"],
        ],
        ["a value nobody has", [{ field: "status", op: "eq", value: "retired" }], []],
      ];

      it.each(cases)("%s", async (_title, filters, expected) => {
        const result = await search({ filters });
        expect(sortedIdsOf(result)).toEqual(expected);
        expect(result.total).toBe(expected.length);
      });

      it("combines with text", async () => {
        expect(sortedIdsOf(await search({ q: "护工", filters: [{ field: "isPoorHousehold", op: "eq", value: true }] }))).toEqual(["w01"]);
        expect(sortedIdsOf(await search({ q: "保洁", filters: [{ field: "minWage", op: "range", lte: 3600 }] }))).toEqual(["w07"]);
        expect(sortedIdsOf(await search({ q: "育婴", filters: [{ field: "availableFrom", op: "exists" }] }))).toEqual(["w04"]);
      });

      it.each<[string, SearchQuery, string]>([
        ["an unknown field", { filters: [{ field: "salary", op: "eq", value: 1 }] }, "unknown_field"],
        ["a text field", { filters: [{ field: "name", op: "eq", value: "王芳" }] }, "unknown_field"],
        ["a sortable-only field", { filters: [{ field: "registeredAt", op: "exists" }] }, "not_filterable"],
        ["a range on a string field", { filters: [{ field: "status", op: "range", gte: 1 }] }, "invalid_value"],
        ["a value of the wrong type", { filters: [{ field: "minWage", op: "eq", value: "4500" }] }, "invalid_value"],
        ["an empty in", { filters: [{ field: "countyCode", op: "in", values: [] }] }, "invalid_value"],
        ["a facet that is not declared", { facets: ["townshipCode"] }, "not_facetable"],
        ["sorting on a non-sortable field", { sort: [{ field: "status", direction: "asc" }] }, "not_sortable"],
        ["a limit above the maximum", { limit: 100_000 }, "invalid_paging"],
      ])("rejects %s", async (_title, query, reason) => {
        const attempt = index.search(WORKERS, query);
        await expect(attempt).rejects.toBeInstanceOf(InvalidSearchQueryError);
        await expect(attempt).rejects.toMatchObject({ reason });
      });
    });

    describe("facets, sorting and paging", () => {
      beforeEach(withFixture);

      it("counts facet values over all matches, respecting filters", async () => {
        const result = await search({
          filters: [{ field: "status", op: "eq", value: "active" }],
          facets: ["countyCode", "isPoorHousehold"],
          limit: 2,
        });
        expect(result.total).toBe(7);
        expect(result.hits).toHaveLength(2);
        expect(result.facets).toEqual({
          countyCode: { "130125": 3, "130126": 1, "130127": 2, "130128": 1 },
          isPoorHousehold: { true: 4, false: 3 },
        });
      });

      it("counts facet values respecting the text query, with array values counted per element", async () => {
        const result = await search({ q: "保洁", facets: ["countyCode", "occupationCodes", "skillLevels"] });
        expect(result.facets).toEqual({
          countyCode: { "130125": 2 },
          occupationCodes: { "4-10-01-02": 1, "4-09-08-01": 2 },
          skillLevels: { junior: 1 },
        });
      });

      const activeByWage = ["w07", "w02", "w01", "w06", "w03", "w08", "w05"];
      const active: SearchFilter[] = [{ field: "status", op: "eq", value: "active" }];

      it("sorts by a number, ascending and descending", async () => {
        expect(idsOf(await search({ filters: active, sort: [{ field: "minWage", direction: "asc" }] }))).toEqual(activeByWage);
        expect(idsOf(await search({ filters: active, sort: [{ field: "minWage", direction: "desc" }] }))).toEqual([...activeByWage].reverse());
      });

      it("sorts text matches", async () => {
        expect(idsOf(await search({ q: "护工", sort: [{ field: "minWage", direction: "desc" }] }))).toEqual(["w01", "w02"]);
        expect(idsOf(await search({ q: "护工", sort: [{ field: "minWage", direction: "asc" }] }))).toEqual(["w02", "w01"]);
      });

      it.each([
        [0, 3],
        [3, 3],
        [5, 2], // not on a page boundary
        [1, 4],
        [6, 10],
        [20, 5], // past the end
      ])("pages with offset %i and limit %i over the exact total", async (offset, limit) => {
        const result = await search({ filters: active, sort: [{ field: "minWage", direction: "asc" }], offset, limit });
        expect(idsOf(result)).toEqual(activeByWage.slice(offset, offset + limit));
        expect(result.total).toBe(7);
      });

      it("limit 0 returns only the total and facets", async () => {
        const result = await search({ q: "护工", limit: 0, facets: ["status"] });
        expect(result).toEqual({ hits: [], total: 2, facets: { status: { active: 2 } } });
      });
    });

    it("reports exact totals beyond one page", async () => {
      await index.ensureIndex(WORKERS, INDEX_SCHEMAS.workers);
      const docs = Array.from({ length: 250 }, (_, i) =>
        worker(`t${String(i).padStart(3, "0")}`, {
          ...FIXTURE[i % 2 === 0 ? 0 : 6], // 125 护工 (w01-like), 125 保洁 (w07-like)
          name: "测试",
          isPoorHousehold: i % 5 === 0,
          minWage: 3000 + ((i * 37) % 250) * 10, // distinct
        }),
      );
      await index.upsert(WORKERS, docs);
      const all = await search({ limit: 20 });
      expect(all.hits).toHaveLength(20);
      expect(all.total).toBe(250);
      expect((await search({ q: "护工", limit: 20 })).total).toBe(125);
      const poorCleaners = await search({ q: "保洁", filters: [{ field: "isPoorHousehold", op: "eq", value: true }], limit: 20, facets: ["isPoorHousehold"] });
      expect(poorCleaners.total).toBe(25);
      expect(poorCleaners.facets).toEqual({ isPoorHousehold: { true: 25 } });
      const lastPage = await search({ q: "护工", sort: [{ field: "registeredAt", direction: "asc" }], offset: 120, limit: 20 });
      expect(lastPage.hits).toHaveLength(5);
      expect(lastPage.total).toBe(125);
      const byWage = (filter: (doc: Worker) => boolean) =>
        docs
          .filter(filter)
          .sort((a, b) => b.minWage - a.minWage)
          .map((doc) => doc.id);
      const richest = await search({ sort: [{ field: "minWage", direction: "desc" }], offset: 5, limit: 5 });
      expect(idsOf(richest)).toEqual(byWage(() => true).slice(5, 10));
      const richestCarers = await search({ q: "护工", sort: [{ field: "minWage", direction: "desc" }], limit: 10 });
      expect(idsOf(richestCarers)).toEqual(byWage((doc) => doc.occupationNames.includes("护工")).slice(0, 10));
    });

    it("keeps sorted pages exact through updates and deletions", async () => {
      await index.ensureIndex(WORKERS, INDEX_SCHEMAS.workers);
      // Wages distinct at first; updates then create ties (broken by registeredAt, unique) and
      // move documents across the order; some lose their wage (missing sorts last).
      const docs = new Map(syntheticWorkers(300, 99).map((doc, i) => [doc.id, { ...doc, minWage: 3000 + ((i * 53) % 300) * 10 }]));
      await index.upsert(WORKERS, [...docs.values()]);
      const wageOf = (doc: Worker) => (typeof doc.minWage === "number" ? doc.minWage : undefined);
      const expectOrder = async (round: string) => {
        const held = [...docs.values()];
        const byWage = (direction: 1 | -1) =>
          [...held]
            .sort((a, b) => {
              const wa = wageOf(a);
              const wb = wageOf(b);
              if (wa !== wb) return wa === undefined ? 1 : wb === undefined ? -1 : (wa - wb) * direction;
              return a.registeredAt - b.registeredAt;
            })
            .map((doc) => doc.id);
        for (const [direction, offset, limit] of [
          [-1, 0, 10],
          [1, 0, 10],
          [-1, 15, 20],
          [1, 270, 30],
        ] as const) {
          const page = await search({
            sort: [
              { field: "minWage", direction: direction === 1 ? "asc" : "desc" },
              { field: "registeredAt", direction: "asc" },
            ],
            offset,
            limit,
          });
          expect(idsOf(page), `${round}: ${direction} ${offset}+${limit}`).toEqual(byWage(direction).slice(offset, offset + limit));
          expect(page.total).toBe(held.length);
        }
        const top = await search({
          filters: [{ field: "status", op: "eq", value: "active" }],
          sort: [{ field: "registeredAt", direction: "desc" }],
          limit: 15,
        });
        const active = held.filter((doc) => doc.status === "active").sort((a, b) => b.registeredAt - a.registeredAt);
        expect(idsOf(top), round).toEqual(active.slice(0, 15).map((doc) => doc.id));
      };
      await expectOrder("initial");
      const random = mulberry32(5);
      for (let round = 0; round < 3; round++) {
        const ids = [...docs.keys()];
        const changed: Worker[] = [];
        for (let n = 0; n < 25; n++) {
          const doc = docs.get(ids[Math.floor(random() * ids.length)])!;
          // Top, bottom, a tie with another document, or no wage at all.
          const minWage = [9000, 1000, 3000 + 10 * Math.floor(random() * 300), null][Math.floor(random() * 4)];
          const updated = { ...doc, minWage, registeredAt: doc.registeredAt } as Worker;
          docs.set(doc.id, updated);
          changed.push(updated);
        }
        await index.upsert(WORKERS, changed);
        const gone = [...new Set(Array.from({ length: 10 }, () => ids[Math.floor(random() * ids.length)]))].filter((id) => docs.has(id));
        for (const id of gone) docs.delete(id);
        await index.remove(WORKERS, gone);
        await expectOrder(`round ${round}`);
      }
    });

    it("agrees with a brute-force scan on 2,000 synthetic workers", async () => {
      const docs = syntheticWorkers(2000, 20240611);
      expectUnambiguous(docs, VOCABULARY);
      await index.ensureIndex(WORKERS, INDEX_SCHEMAS.workers);
      await index.upsert(WORKERS, docs);

      const random = mulberry32(7);
      const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
      const hanRuns = () => (searchableText(pick(docs)).match(/\p{Script=Han}{2,}/gu) ?? []).map((run) => Array.from(run));
      /** Two or three adjacent characters from some document. */
      const substring = (): string => {
        const run = pick(hanRuns());
        const length = Math.min(run.length, random() < 0.7 ? 2 : 3);
        const at = Math.floor(random() * (run.length - length + 1));
        return run.slice(at, at + length).join("");
      };
      /** Two characters of one document in any order: a near miss unless they happen to be adjacent. */
      const nearMiss = (): string => {
        const chars = hanRuns().flat();
        return pick(chars) + pick(chars);
      };
      const term = () => {
        const kind = random();
        if (options.substringQueries && kind < 0.3) return substring();
        if (options.substringQueries && kind < 0.45) return nearMiss();
        return pick(VOCABULARY);
      };
      const filterMakers: (() => SearchFilter)[] = [
        () => ({ field: "countyCode", op: "eq", value: pick(COUNTIES) }),
        () => ({ field: "countyCode", op: "in", values: [pick(COUNTIES), pick(COUNTIES)] }),
        () => ({ field: "occupationCodes", op: "in", values: [pick(OCCUPATION_CODES), pick(OCCUPATION_CODES)] }),
        () => ({ field: "skillLevels", op: "eq", value: pick(SKILL_LEVELS) }),
        () => ({ field: "isPoorHousehold", op: "eq", value: random() < 0.5 }),
        () => ({ field: "status", op: "eq", value: pick(STATUSES) }),
        () => {
          const gte = 3000 + 100 * Math.floor(random() * 40);
          return { field: "minWage", op: "range", gte, lte: gte + 100 * Math.floor(random() * 30) };
        },
        () => ({ field: "availableFrom", op: "range", gte: 19_950 }),
        () => ({ field: "availableFrom", op: "exists" }),
      ];

      let nonEmpty = 0;
      for (let n = 0; n < 50; n++) {
        const termCount = pick([0, 1, 1, 1, 2]);
        const q = Array.from({ length: termCount }, term).join(" ");
        const filters = Array.from({ length: pick([0, 1, 1, 2]) }, () => pick(filterMakers)());
        const expected = naiveMatches(docs, { q, filters });
        const expectedIds = [...expected].sort((a, b) => a.registeredAt - b.registeredAt).map((doc) => doc.id);

        const pages: string[] = [];
        let first: SearchResult | undefined;
        for (let offset = 0; offset === 0 || offset < expectedIds.length; offset += 1000) {
          const page = await index.search(WORKERS, {
            q,
            filters,
            sort: [{ field: "registeredAt", direction: "asc" }],
            facets: ["countyCode", "occupationCodes"],
            limit: 1000,
            offset,
          });
          first ??= page;
          pages.push(...idsOf(page));
        }
        const context = JSON.stringify({ q, filters });
        expect(first!.total, context).toBe(expected.length);
        expect(pages, context).toEqual(expectedIds);
        expect(first!.facets.countyCode, context).toEqual(naiveFacet(expected, "countyCode"));
        expect(first!.facets.occupationCodes, context).toEqual(naiveFacet(expected, "occupationCodes"));

        // A short first page under a two-key sort (wages tie often; registeredAt never does).
        const byWage = [...expected].sort((a, b) => b.minWage - a.minWage || a.registeredAt - b.registeredAt).map((doc) => doc.id);
        const top = await index.search(WORKERS, {
          q,
          filters,
          sort: [
            { field: "minWage", direction: "desc" },
            { field: "registeredAt", direction: "asc" },
          ],
          offset: 3,
          limit: 7,
        });
        expect(idsOf(top), context).toEqual(byWage.slice(3, 10));
        if (expected.length > 0) nonEmpty++;
      }
      expect(nonEmpty).toBeGreaterThan(20); // the generator asks meaningful questions
    });
  });
}
