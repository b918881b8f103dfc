/* How text becomes search terms, the same for the index built at build time
 * (generator/search_build.js, in Node) and for the queries the search worker
 * runs (a classic script there, after vendor/porter2.js). Words are folded
 * (accents, case), stop words dropped and each word stemmed by Porter2, the
 * Snowball English stemmer (npm wink-porter2-stemmer, pinned).
 *
 * A hyphenated or slashed form ("k-means", "a/b") is indexed as its parts and
 * as one joined word ("kmeans"); a one-letter part ("k" of "k-nn") is not a
 * term of its own, or every text that names a "k" would match. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(require("wink-porter2-stemmer"));
  else root.qbTerms = factory(root.porter2);
})(typeof self !== "undefined" ? self : this, function (porter2) {
  "use strict";

  const STOP = new Set(
    ("a an and are as at be by can do does for from how i in into is it its me of on or " +
      "should the to vs versus what when which why with would you your").split(" ")
  );

  /** A text's words, folded (accents, case), hyphenated and slashed forms still whole. */
  function words(text) {
    return String(text || "")
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .split(/[^a-z0-9+\-/]+/);
  }

  /** The words of a text, folded; a hyphenated form gives its parts of two letters or more and the joined word. */
  function tokenize(text) {
    const tokens = [];
    for (const word of words(text)) {
      const parts = word.split(/[-/+]+/).filter(Boolean);
      if (parts.length > 1) {
        tokens.push(...parts.filter((part) => part.length > 1));
        tokens.push(parts.join(""));
      } else {
        tokens.push(...parts);
      }
    }
    return tokens;
  }

  /** A query's words: as tokenize, except that a form with a one-letter part ("k-nn") stands only as its joined word. */
  function queryTokens(text) {
    const tokens = [];
    for (const word of words(text)) {
      const parts = word.split(/[-/+]+/).filter(Boolean);
      if (parts.length > 1 && parts.some((part) => part.length === 1)) tokens.push(parts.join(""));
      else tokens.push(...tokenize(word));
    }
    return tokens;
  }

  function stem(word) {
    // Numbers and short abbreviations ("p99", "kv") stay as typed.
    return word.length > 3 && /^[a-z]+$/.test(word) ? porter2(word) : word;
  }

  /** The indexed term of a word, or null for a stop word. */
  function processTerm(word) {
    return STOP.has(word) ? null : stem(word);
  }

  /** The terms a typed word may meet. An adjective in -ed also meets its noun:
   * Porter2 makes "imbalanced" "imbalanc" but "imbalance" "imbal". */
  function variants(word) {
    const term = processTerm(word);
    if (term === null) return [];
    const out = [term];
    if (word.length > 5 && word.endsWith("ed")) {
      const noun = stem(word.slice(0, -1));
      if (!out.includes(noun)) out.push(noun);
    }
    return out;
  }

  /** The query as groups of alternatives: every group must match (one of its terms). */
  function queryTerms(text) {
    return queryTokens(text).map(variants).filter((group) => group.length);
  }

  /** The shard a term lives in is found by its first two characters. */
  function shardKey(term) {
    return term.slice(0, 2);
  }

  return { STOP, tokenize, queryTokens, processTerm, variants, queryTerms, shardKey, stem };
});
