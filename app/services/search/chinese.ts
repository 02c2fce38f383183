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

const HAN_RUN = /\p{Script=Han}+/uy;
const WORD_RUN = /(?:(?!\p{Script=Han})[\p{L}\p{N}\p{M}])+/uy;

/** NFKC (full-width → half-width, compatibility ideographs → unified) then lowercase. */
export function normalizeText(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

type Run = { kind: "han"; chars: string[] } | { kind: "word"; text: string };

/** Splits normalised text into Han runs and word runs; everything else separates them. */
function runs(text: string): Run[] {
  const normalized = normalizeText(text);
  const out: Run[] = [];
  let i = 0;
  while (i < normalized.length) {
    HAN_RUN.lastIndex = i;
    const han = HAN_RUN.exec(normalized);
    if (han) {
      out.push({ kind: "han", chars: Array.from(han[0]) }); // code points: Ext-B characters are surrogate pairs
      i = HAN_RUN.lastIndex;
      continue;
    }
    WORD_RUN.lastIndex = i;
    const word = WORD_RUN.exec(normalized);
    if (word) {
      out.push({ kind: "word", text: word[0] });
      i = WORD_RUN.lastIndex;
      continue;
    }
    i += 1;
  }
  return out;
}

/** Tokens stored for a document's text (deduplicated). */
export function indexTokens(text: string): string[] {
  const tokens = new Set<string>();
  for (const run of runs(text)) {
    if (run.kind === "word") {
      tokens.add(run.text);
      continue;
    }
    const { chars } = run;
    for (let i = 0; i < chars.length; i++) {
      tokens.add(chars[i]);
      if (i + 1 < chars.length) tokens.add(chars[i] + chars[i + 1]);
    }
  }
  return [...tokens];
}

/** Tokens a document must all contain to match the query (deduplicated; empty = match all). */
export function queryTokens(query: string): string[] {
  const tokens = new Set<string>();
  for (const run of runs(query)) {
    if (run.kind === "word") {
      tokens.add(run.text);
      continue;
    }
    const { chars } = run;
    if (chars.length === 1) tokens.add(chars[0]);
    for (let i = 0; i + 1 < chars.length; i++) tokens.add(chars[i] + chars[i + 1]);
  }
  return [...tokens];
}
