/**
 * Text normalisation and tokenisation for Chinese (and the Latin/digit words mixed into it).
 *
 * Why bigrams: `Intl.Segmenter('zh')` splits job words such as 护工 → 护|工, 保洁 → 保|洁 and
 * 育婴 → 育|婴, so a word index over-matches; overlapping character bigrams reproduced
 * substring truth exactly when measured (docs/decisions/0002-embedded-search-engine.md).
 *
 * - A document is indexed with every Han character (unigram) and every adjacent pair (bigram)
 *   of each Han run, plus each Latin/digit word whole.
 * - A query becomes the bigrams of each Han run (a lone Han character stays a unigram) plus its
 *   words. A document matches when it has every query token (AND). For a query of one or two
 *   Han characters that is exactly "the query is a substring of the text"; for longer runs it
 *   is "every adjacent pair occurs", which is substring truth in practice.
 * - Latin/digit words match whole words only ("c1" does not match "c12").
 */

/** NFKC (full-width → half-width, compatibility ideographs → unified) then lowercase. */
export function normalizeText(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

const HAN_CHAR = /^\p{Script=Han}$/u;
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;
const SEPARATOR = 0;
const HAN = 1;
const WORD = 2;
/** Class of each BMP code point, looked up once with the regexes above (index+1; 0 = not yet). */
const bmpClasses = new Uint8Array(0x10000);

function classOf(char: string, codePoint: number): number {
  if (codePoint < 0x10000) {
    const cached = bmpClasses[codePoint];
    if (cached !== 0) return cached - 1;
  }
  const kind = HAN_CHAR.test(char) ? HAN : WORD_CHAR.test(char) ? WORD : SEPARATOR;
  if (codePoint < 0x10000) bmpClasses[codePoint] = kind + 1;
  return kind;
}

/**
 * Calls `emit` for each token of already normalised text (possibly more than once per token):
 * for "index", every Han character and adjacent pair of a Han run, and each Latin/digit word;
 * for "query", the pairs of each Han run (a lone Han character: itself) and each word.
 */
export function forEachToken(normalized: string, mode: "index" | "query", emit: (token: string) => void): void {
  const length = normalized.length;
  let previous = ""; // the previous character of the current Han run
  let runLength = 0;
  let wordStart = -1;
  for (let i = 0; i <= length;) {
    let kind = SEPARATOR;
    let char = "";
    let width = 1;
    if (i < length) {
      const codePoint = normalized.codePointAt(i)!;
      width = codePoint > 0xffff ? 2 : 1; // Ext-B characters are surrogate pairs
      char = width === 1 ? normalized[i] : normalized.slice(i, i + 2);
      kind = classOf(char, codePoint);
    }
    if (kind !== WORD && wordStart >= 0) {
      emit(normalized.slice(wordStart, i));
      wordStart = -1;
    }
    if (kind !== HAN && runLength > 0) {
      if (mode === "query" && runLength === 1) emit(previous);
      runLength = 0;
    }
    if (kind === HAN) {
      if (runLength > 0) emit(previous + char);
      if (mode === "index") emit(char);
      previous = char;
      runLength++;
    } else if (kind === WORD && wordStart < 0) {
      wordStart = i;
    }
    i += width;
  }
}

/** Tokens stored for a document's text (deduplicated). */
export function indexTokens(text: string): string[] {
  const tokens = new Set<string>();
  forEachToken(normalizeText(text), "index", (token) => tokens.add(token));
  return [...tokens];
}

/** Tokens a document must all contain to match the query (deduplicated; empty = match all). */
export function queryTokens(query: string): string[] {
  const tokens = new Set<string>();
  forEachToken(normalizeText(query), "query", (token) => tokens.add(token));
  return [...tokens];
}
