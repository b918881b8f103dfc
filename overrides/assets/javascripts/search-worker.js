/* The site's search worker, in place of Material's lunr one. It loads nothing
 * until a reader reaches for search, then only what a query needs, from the
 * index built at build time (generator/search_build.js) in search/qb/.
 *
 * Message interface (a classic worker, `new Worker(url)`; Material's message
 * types, plus WARM). Any search box can drive it:
 *   -> {type: 0 SETUP, data: any}   answered at once by {type: 1 READY}; loads nothing
 *                                   (Material sends it with every page).
 *   -> {type: 4 WARM}               start loading the engine and the index's
 *                                   meta file now; no answer. Send it when the
 *                                   reader focuses the box or presses the
 *                                   search shortcut. A message {type: 4} on the
 *                                   BroadcastChannel "qb-search" does the same
 *                                   (the page's main.js sends that, since Material
 *                                   keeps its worker to itself).
 *   -> {type: 2 QUERY, data: "text"} answered by {type: 3 RESULT, data: {items}}
 *                                   once the shards the query's words fall in
 *                                   are loaded; an empty query is answered with
 *                                   no items and loads nothing. While a query
 *                                   waits for the network, a newer one replaces
 *                                   it: only the latest is answered.
 *   items: up to 50 results, best first, each [{location, title, text, tags,
 *   score, terms}] (Material's shape: location is relative to the site root,
 *   title and text are HTML with matches in <mark>, terms maps each query
 *   term to whether the result has it).
 *
 * Ranking: MiniSearch weighs a question's own words first, then its id and
 * tags, its short answer and its body; misspellings within one edit (past the
 * first two letters, which pick the shard), accents, and hyphenated or joined
 * forms ("k-means", "kmeans") match; rescore() then applies what a reader means. */
const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3, WARM = 4;
const BOOST = { title: 6, id: 3, tags: 4, short: 2, body: 1 };
// Results whose text is fetched before answering: the ones a reader sees first.
const SHOWN = 10;
// Words an id carries beside its concept ("knn-algorithm", "gradient-boosting-how-it-works").
const GENERIC = new Set(["algorithm", "how", "it", "work", "overview"]);
const INDEX = new URL("../../search/qb/", self.location.href);

let loading = null; // the engine and meta.json, once asked for
let meta = null;
const shards = new Map(); // shard number -> its entries, once loaded
const chunks = new Map(); // chunk number -> [[text, tags]], once loaded
let engine = null; // MiniSearch over the loaded shards
let engineShards = 0;
let latest = 0;

function fetchJSON(name) {
  return fetch(new URL(name, INDEX)).then((response) => {
    if (!response.ok) throw new Error(name + ": " + response.status);
    return response.json();
  });
}

function warm() {
  if (!loading) {
    loading = Promise.all([
      fetchJSON("meta.json"),
      new Promise((resolve) => {
        importScripts("vendor/minisearch.js", "vendor/porter2.js", "search-terms.js");
        resolve();
      }),
    ]).then(([data]) => {
      meta = data;
    });
    loading.catch(() => (loading = null));
  }
  return loading;
}

function plain(markup) {
  return (markup || "").replace(/<[^>]*>/g, " ");
}

function shardOf(term) {
  const key = qbTerms.shardKey(term);
  let low = 0, high = meta.shards.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (meta.shards[mid] <= key) low = mid;
    else high = mid - 1;
  }
  return low;
}

function load(numbers, have, file) {
  return Promise.all(
    [...new Set(numbers)].filter((n) => !have.has(n)).map((n) => fetchJSON(file + n + ".json").then((data) => have.set(n, data)))
  );
}

// MiniSearch rebuilt from its serialized form over the shards loaded so far:
// scores need only the document counts and lengths (all in meta) and whole
// entries of the terms asked, which a shard always holds.
function currentEngine() {
  if (engine && engineShards === shards.size) return engine;
  const documentIds = {}, fieldLength = {};
  meta.docs.forEach((doc, n) => {
    documentIds[n] = doc[0];
    fieldLength[n] = meta.fieldLength[n];
  });
  engine = MiniSearch.loadJS(
    {
      documentCount: meta.documentCount,
      nextId: meta.nextId,
      documentIds,
      fieldIds: meta.fieldIds,
      fieldLength,
      averageFieldLength: meta.averageFieldLength,
      storedFields: {},
      dirtCount: meta.dirtCount,
      index: [].concat(...shards.values()),
      serializationVersion: 2,
    },
    { idField: "location", fields: Object.keys(meta.fieldIds), storeFields: [] }
  );
  engineShards = shards.size;
  return engine;
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// Marks the matched words in a field already escaped as HTML, never inside an entity or a tag.
function highlight(markup, words) {
  if (!words.length) return markup;
  const pattern = new RegExp("(^|[^&#\\w])(" + words.map(escapeRegExp).join("|") + ")(\\w*)", "gi");
  return markup.replace(/(<[^>]*>)|([^<]+)/g, (all, tag, text) =>
    tag ? tag : text.replace(pattern, (_m, before, word, rest) => before + "<mark>" + word + rest + "</mark>")
  );
}

function termsOf(text) {
  return qbTerms.tokenize(text).map(qbTerms.processTerm).filter(Boolean);
}

/* After the engine's score, what a reader means: a comparison query wants a
 * comparison question and a plain one does not; a question whose id names
 * exactly the words asked is the concept itself; a question about the word
 * (it comes early in the title) beats one that mentions it; and a from-scratch
 * exercise ranks below the concept it implements. */
function rescore(hit, asked, comparison) {
  const [, title, id, exercise] = meta.docs[hit.n];
  if (!id) return hit.score;
  let score = hit.score;
  // The id's own words, not the joined form tokenize adds for hyphenated text.
  const idTerms = id.split("-").map(qbTerms.processTerm).filter((t) => t && !GENERIC.has(t));
  const isComparison = /-vs-|\bvs\b|differ/.test(id + " " + plain(title).toLowerCase());
  if (comparison !== isComparison) score *= 0.8;
  if (idTerms.length === asked.length && asked.every((t) => idTerms.includes(t))) score *= 1.5;
  const words = termsOf(plain(title));
  const first = words.findIndex((t) => asked.includes(t));
  if (first >= 0) score *= 1 + 0.3 / (1 + first);
  if (exercise) score *= 0.85;
  return score;
}

const OPTIONS = {
  boost: BOOST,
  prefix: (term) => term.length > 2,
  fuzzy: (term) => (term.length > 4 ? 0.2 : false),
  weights: { fuzzy: 0.6, prefix: 0.8 },
  // The query arrives already made into terms (queryTerms): MiniSearch takes them as they are.
  tokenize: (text) => [text],
  processTerm: (term) => term,
};

function run(groups, combineWith) {
  const query = { combineWith, queries: groups.map((group) => ({ combineWith: "OR", queries: group })) };
  return currentEngine().search(query, OPTIONS);
}

async function search(text) {
  const groups = qbTerms.queryTerms(text);
  if (!groups.length) return { items: [] };
  await load(groups.flat().map(shardOf), shards, "t");
  let hits = run(groups, "AND");
  if (!hits.length) hits = run(groups, "OR");
  const index = new Map(meta.docs.map((doc, n) => [doc[0], n]));
  const asked = groups.map((group) => group[0]);
  const comparison = /\b(vs|versus|or|differ|difference|compared?)\b/i.test(text);
  for (const hit of hits) {
    hit.n = index.get(hit.id);
    hit.score = rescore(hit, asked, comparison);
  }
  hits.sort((a, b) => b.score - a.score);
  hits = hits.slice(0, 50);
  await load(hits.slice(0, SHOWN).map((hit) => Math.floor(hit.n / meta.chunk)), chunks, "d");
  const items = hits.map((hit) => {
    const [location, title] = meta.docs[hit.n];
    const chunk = chunks.get(Math.floor(hit.n / meta.chunk));
    const [shown, tags] = chunk ? chunk[hit.n % meta.chunk] : ["", []];
    const terms = {};
    for (const term of asked) terms[term] = hit.queryTerms.includes(term);
    const words = hit.terms.filter((word) => word.length > 1);
    return [{ location, title: highlight(title, words), text: highlight(shown, words), tags, score: hit.score, terms }];
  });
  return { items };
}

async function answer(text) {
  const ticket = ++latest;
  if (!text.trim()) {
    self.postMessage({ type: RESULT, data: { items: [] } });
    return;
  }
  try {
    await warm();
    const data = await search(text);
    if (ticket === latest) self.postMessage({ type: RESULT, data });
  } catch (error) {
    // A failed fetch is tried again by the next query; this one shows no results.
    if (ticket === latest) self.postMessage({ type: RESULT, data: { items: [] } });
  }
}

self.addEventListener("message", (event) => {
  const message = event.data;
  if (message.type === SETUP) self.postMessage({ type: READY });
  else if (message.type === WARM) warm().catch(() => {});
  else if (message.type === QUERY) answer(String(message.data || ""));
});

if (typeof BroadcastChannel === "function") {
  new BroadcastChannel("qb-search").addEventListener("message", (event) => {
    if (event.data && event.data.type === WARM) warm().catch(() => {});
  });
}
