// The adapter between Zensical's search box and the site's search worker
// (overrides/assets/javascripts/search-zensical.js), run in a sandbox: a
// fake Zensical posts its messages, a fake worker answers as ours does.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import vm from "node:vm";

const SOURCE = readFileSync(new URL("../../overrides/assets/javascripts/search-zensical.js", import.meta.url), "utf8");
const BASE = "https://example.org/guide/";
const ITEMS = [
  { location: `${BASE}how-to-use/`, title: "How to study", text: "" },
  { location: `${BASE}questions/k-means/`, title: "How does k-means work?", text: "Clustering &amp; more" },
  { location: `${BASE}questions/knn/`, title: "What is kNN?", text: "Neighbours" },
];

// Messages cross into this realm as a worker's would: copied.
const copy = (message) => JSON.parse(JSON.stringify(message));

function start(hitsFor) {
  const toZensical = [];
  const toWorker = [];
  let listener = null;
  let inner = null;
  class FakeWorker {
    constructor(url) {
      this.url = String(url);
      inner = this;
    }
    postMessage(message) {
      toWorker.push(copy(message));
    }
    terminate() {}
  }
  const self = {
    location: { href: `${BASE}assets/javascripts/search-zensical.js` },
    postMessage: (message) => toZensical.push(copy(message)),
    addEventListener: (type, handler) => (listener = handler),
  };
  vm.runInNewContext(SOURCE, { self, Worker: FakeWorker, URL, Map, Number, Date, Math });
  const zensical = (message) => listener({ data: message });
  // The worker answers the last query it was sent, as search-worker.js does, naming it;
  // answerFor answers an earlier one, as a worker still busy with it would; partial marks a first answer.
  const answerFor = (query, partial = false) =>
    inner.onmessage({ data: { type: 3, data: { items: hitsFor(query).map((hit) => [hit]), query, partial } } });
  const answer = () => answerFor(toWorker.filter((m) => m.type === 2).at(-1).data);
  return {
    toZensical,
    toWorker,
    zensical,
    answer,
    answerFor,
    inner: () => inner,
    ready: () => inner.onmessage({ data: { type: 1 } }),
  };
}

const HITS = (query) =>
  query === "nothing"
    ? []
    : [
        { location: "questions/knn/", title: "What is <mark>kNN</mark>?", text: "Neighbours" },
        { location: "questions/k-means/", title: "How does <mark>k-means</mark> work?", text: "Clustering &amp; <mark>more</mark>" },
        { location: "questions/gone/", title: "Not in search.json", text: "" },
      ];

test("setup starts the site's worker beside it and reports ready when it is", () => {
  const run = start(HITS);
  run.zensical({ type: 0, data: { config: {}, items: ITEMS } });
  assert.equal(run.inner().url, `${BASE}assets/javascripts/search-worker.js`);
  assert.deepEqual(run.toWorker, [{ type: 0 }]);
  assert.deepEqual(run.toZensical, []);
  run.ready();
  assert.deepEqual(run.toZensical, [{ type: 1 }]);
});

test("a query's results keep the worker's order as indexes into search.json, with highlights", () => {
  const run = start(HITS);
  run.zensical({ type: 0, data: { config: {}, items: ITEMS } });
  run.ready();
  run.zensical({ type: 2, data: { input: "k", filter: {} } });
  assert.deepEqual(run.toWorker.at(-1), { type: 2, data: "k" });
  run.answer();
  const result = run.toZensical.at(-1);
  assert.equal(result.type, 3);
  assert.deepEqual(
    result.data.items.map((item) => item.id),
    [2, 1],
  );
  assert.deepEqual(result.data.pagination, { total: 2 });
  const [title, text] = result.data.items[1].matches;
  // Offsets into the item's own markup ("How does k-means work?", "Clustering &amp; more").
  assert.deepEqual(title, { field: "title", value: { highlight: { ranges: [{ start: 9, end: 16, value: 7 }] } } });
  assert.deepEqual(text.value.highlight.ranges, [{ start: 17, end: 21, value: 4 }]);
  assert.equal(ITEMS[1].text.slice(17, 21), "more");
});

test("every query goes to the worker as typed, and an answer for one typed past is not shown", () => {
  const run = start((query) => (query === "kn" ? HITS(query).slice(0, 1) : HITS(query)));
  run.zensical({ type: 0, data: { config: {}, items: ITEMS } });
  run.ready();
  run.zensical({ type: 2, data: { input: "k" } });
  run.zensical({ type: 2, data: { input: "kn" } });
  assert.deepEqual(run.toWorker.filter((m) => m.type === 2).map((m) => m.data), ["k", "kn"]);
  run.answerFor("k"); // stale
  assert.equal(run.toZensical.filter((m) => m.type === 3).length, 0);
  run.answerFor("kn");
  assert.deepEqual(
    run.toZensical.at(-1).data.items.map((item) => item.id),
    [2],
  );
});

test("an emptied box shows nothing, even if an answer comes in after", () => {
  const run = start(HITS);
  run.zensical({ type: 0, data: { config: {}, items: ITEMS } });
  run.ready();
  run.zensical({ type: 2, data: { input: "k" } });
  run.zensical({ type: 2, data: { input: "" } });
  assert.deepEqual(run.toZensical.at(-1).data.items, []);
  const before = run.toZensical.length;
  run.answer();
  assert.equal(run.toZensical.length, before);
});

test("further pages are cut from the same answer without asking the worker again", () => {
  const many = Array.from({ length: 25 }, () => ({ location: "questions/knn/", title: "x", text: "" }));
  const run = start(() => many);
  run.zensical({ type: 0, data: { config: {}, items: ITEMS } });
  run.ready();
  run.zensical({ type: 2, data: { input: "k" } });
  run.answer();
  const first = run.toZensical.at(-1).data;
  assert.equal(first.items.length, 10);
  assert.equal(first.pagination.prev, undefined);
  assert.equal(first.pagination.next.from, 10);
  const sent = run.toWorker.length;
  run.zensical({ type: 2, data: { input: "k", page: first.pagination.next } });
  const second = run.toZensical.at(-1).data;
  assert.equal(run.toWorker.length, sent);
  assert.equal(second.items.length, 10);
  assert.equal(second.pagination.prev.from, 0);
  run.zensical({ type: 2, data: { input: "k", page: second.pagination.next } });
  assert.equal(run.toZensical.at(-1).data.items.length, 5);
  assert.equal(run.toZensical.at(-1).data.pagination.next, undefined);
});

test("a worker that fails makes the box say search is unavailable", () => {
  const run = start(HITS);
  run.zensical({ type: 0, data: { config: {}, items: ITEMS } });
  run.inner().onerror({});
  assert.deepEqual(run.toZensical.at(-1), { type: 4 });
});

test("a partial first answer is shown, and the full answer replaces it", () => {
  const run = start(HITS);
  run.zensical({ type: 0, data: { config: {}, items: ITEMS } });
  run.ready();
  run.zensical({ type: 2, data: { input: "kn" } });
  const partial = [[{ location: "questions/k-means/", title: "k-means", text: "" }]];
  run.inner().onmessage({ data: { type: 3, data: { items: partial, query: "kn", partial: true } } });
  assert.deepEqual(run.toZensical.at(-1).data.items.map((item) => item.id), [1]);
  const shown = run.toZensical.length;
  // A partial answer for a query typed past is dropped like a full one.
  run.zensical({ type: 2, data: { input: "knn" } });
  run.inner().onmessage({ data: { type: 3, data: { items: partial, query: "kn", partial: true } } });
  assert.equal(run.toZensical.length, shown);
  run.answerFor("knn");
  assert.deepEqual(run.toZensical.at(-1).data.items.map((item) => item.id), [2, 1]);
});
