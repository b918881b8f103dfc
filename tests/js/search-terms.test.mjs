// The term rules shared by the search index build and the search worker.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const terms = require("../../overrides/assets/javascripts/search-terms.js");

test("Porter2 brings a word's forms together", () => {
  assert.equal(terms.processTerm("testing"), terms.processTerm("tests"));
  assert.equal(terms.processTerm("regularization"), terms.processTerm("regularize"));
  assert.equal(terms.processTerm("embeddings"), "embed");
});

test("an adjective in -ed also meets its noun", () => {
  const [adjective] = terms.queryTerms("imbalanced");
  assert.ok(adjective.includes(terms.processTerm("imbalance")), adjective.join(","));
  assert.ok(adjective.includes(terms.processTerm("imbalanced")));
});

test("stop words are dropped, accents folded, numbers kept", () => {
  assert.deepEqual(terms.queryTerms("what is the naïve p99"), [["naiv"], ["p99"]]);
});

test("a one-letter part of a hyphenated form is no term of its own", () => {
  assert.deepEqual(terms.tokenize("k-nn"), ["nn", "knn"]);
  assert.deepEqual(terms.queryTerms("k-nn"), [["knn"]]);
  assert.deepEqual(terms.tokenize("kv-cache"), ["kv", "cache", "kvcache"]);
  assert.ok(!terms.tokenize("a/b test").includes("a"));
});

test("the shard key is the term's first two characters", () => {
  assert.equal(terms.shardKey("gradient"), "gr");
  assert.equal(terms.shardKey("k"), "k");
});
