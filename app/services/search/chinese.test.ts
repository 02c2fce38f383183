import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { indexTokens, normalizeText, queryTokens } from "./chinese";

const contains = (doc: string, query: string) => {
  const tokens = new Set(indexTokens(doc));
  return queryTokens(query).every((token) => tokens.has(token));
};

describe("normalizeText", () => {
  it("folds full-width forms and case", () => {
    expect(normalizeText("Ｃ１驾照ＡＢＣ")).toBe("c1驾照abc");
  });
});

describe("indexTokens", () => {
  it("indexes Han unigrams and bigrams, and Latin/digit words whole", () => {
    expect(indexTokens("护工 C1驾照").sort()).toEqual(["c1", "护", "护工", "工", "驾", "驾照", "照"].sort());
  });

  it("does not pair characters across punctuation or field separators", () => {
    expect(indexTokens("保洁，育婴\n护工")).not.toContain("洁育");
    expect(indexTokens("保洁，育婴\n护工")).not.toContain("婴护");
  });

  it("treats supplementary-plane characters as single characters", () => {
    expect(indexTokens("𠀀工")).toEqual(["𠀀", "𠀀工", "工"]);
  });
});

describe("queryTokens", () => {
  it("uses bigrams for Han runs and a unigram for a lone character", () => {
    expect(queryTokens("育婴师")).toEqual(["育婴", "婴师"]);
    expect(queryTokens("王")).toEqual(["王"]);
    expect(queryTokens("护工 北京")).toEqual(["护工", "北京"]);
  });

  it("returns nothing for punctuation-only input (match all)", () => {
    expect(queryTokens(" ，。!! ")).toEqual([]);
  });

  it("matches whole Latin/digit words case-insensitively", () => {
    expect(contains("持C1驾照", "c1")).toBe(true);
    expect(contains("持C12驾照", "C1")).toBe(false);
  });
});

describe("substring semantics", () => {
  // Intl.Segmenter splits these job words; bigrams must not.
  it.each(["护工", "保洁", "育婴", "电焊"])("finds %s inside longer text and not its parts elsewhere", (word) => {
    expect(contains(`医院${word}三年`, word)).toBe(true);
    const [a, b] = Array.from(word);
    expect(contains(`${a}某某${b}`, word)).toBe(false);
  });

  const hanText = fc.string({ unit: fc.constantFrom(..."护工保洁育婴电焊王李家庄村，"), maxLength: 30 });

  it("every Han substring of a document matches it (completeness)", () => {
    fc.assert(
      fc.property(hanText, fc.nat(), fc.integer({ min: 1, max: 6 }), (doc, start, length) => {
        const chars = Array.from(doc);
        const from = chars.length ? start % chars.length : 0;
        const query = chars.slice(from, from + length).join("");
        expect(contains(doc, query)).toBe(true);
      }),
    );
  });

  it("a one- or two-character query matches exactly when it is a substring (precision)", () => {
    fc.assert(
      fc.property(hanText, fc.string({ unit: fc.constantFrom(..."护工保洁育婴电焊王李家庄村"), minLength: 1, maxLength: 2 }), (doc, query) => {
        expect(contains(doc, query)).toBe(doc.includes(query));
      }),
    );
  });
});
