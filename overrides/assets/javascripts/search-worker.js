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
 *   -> {type: 2 QUERY, data: "text"} answered by {type: 3 RESULT, data: {items, query}}
 *                                   (query: the text answered)
 *                                   once the shards the query's words fall in
 *                                   are loaded; an empty query is answered with
 *                                   no items and loads nothing. While a query
 *                                   waits for the network, a newer one replaces
 *                                   it: only the latest is answered.
 *                                   If those shards are still on their way after
 *                                   PROVISIONAL_MS, a first answer from the questions'
 *                                   titles and ids comes before, marked
 *                                   {partial: true}; the full answer follows it.
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
let byLocation = null; // document address -> its number in meta.docs
const RESCORED = 300;
// A bank's titles and ids, indexed in the worker once meta.json is in: the
// first answer while a query's shards are on a slow network. Past this many
// questions building it would cost more than the wait it saves.
const QUICK_LIMIT = 3000;
const QUICK_BOOST = { title: BOOST.title, id: BOOST.id };
// A shard that arrives sooner makes a provisional answer only a flicker.
const PROVISIONAL_MS = 30;
let quick = null;

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
        // MiniSearch, Porter2 and search-terms.js in one file (generator/tree.py joins them): one round trip.
        importScripts("vendor/search-engine.js");
        resolve();
      }),
    ]).then(([data]) => {
      meta = data;
      if (meta.docs.length <= QUICK_LIMIT) quick = titleIndex(meta.docs);
      // A small bank's result texts come along now, so its first answer needs one round trip less.
      const count = Math.ceil(meta.docs.length / meta.chunk);
      if (count <= 2) load([...Array(count).keys()], chunks, "d").catch(() => {});
    });
    loading.catch(() => (loading = null));
  }
  return loading;
}

function plain(markup) {
  return (markup || "").replace(/<[^>]*>/g, " ");
}

function titleIndex(docs) {
  const index = new MiniSearch({
    idField: "n",
    fields: Object.keys(QUICK_BOOST),
    storeFields: [],
    tokenize: qbTerms.tokenize,
    processTerm: qbTerms.processTerm,
  });
  index.addAll(docs.map(([, title, id], n) => ({ n, title: plain(title), id: (id || "").replace(/-/g, " ") })));
  return index;
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

// Files on their way: queries typed key by key ask for the same shard, and must share one fetch of it.
const pending = new Map();

function load(numbers, have, file) {
  return Promise.all(
    [...new Set(numbers)]
      .filter((n) => !have.has(n))
      .map((n) => {
        const name = file + n + ".json";
        if (!pending.has(name)) {
          const fetched = fetchJSON(name)
            .then((data) => have.set(n, data))
            .finally(() => pending.delete(name)); // a failure is asked again by the next query
          pending.set(name, fetched);
        }
        return pending.get(name);
      })
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

function run(index, groups, combineWith, options) {
  const query = { combineWith, queries: groups.map((group) => ({ combineWith: "OR", queries: group })) };
  return index.search(query, options);
}

// The engine's hits, best first by what a reader means, as their numbers in meta.docs.
function ranked(index, groups, text, options, numberOf) {
  let hits = run(index, groups, "AND", options);
  if (!hits.length) hits = run(index, groups, "OR", options);
  // Rescoring moves a result by less than a factor of two: past the first few
  // hundred by the engine's score, nothing it could lift reaches the screen.
  hits = hits.slice(0, RESCORED);
  const asked = groups.map((group) => group[0]);
  const comparison = /\b(vs|versus|or|differ|difference|compared?)\b/i.test(text);
  for (const hit of hits) {
    hit.n = numberOf(hit.id);
    hit.score = rescore(hit, asked, comparison);
  }
  hits.sort((a, b) => b.score - a.score);
  return hits.slice(0, 50);
}

function provisional(groups, text, ticket) {
  if (!quick || ticket !== latest) return;
  const hits = ranked(quick, groups, text, { ...OPTIONS, boost: QUICK_BOOST }, (n) => n);
  if (hits.length) self.postMessage({ type: RESULT, data: { items: itemsOf(hits, groups), query: text, partial: true } });
}

async function search(text, ticket) {
  const groups = qbTerms.queryTerms(text);
  if (!groups.length) return { items: [] };
  const needed = load(groups.flat().map(shardOf), shards, "t");
  let timer = null;
  if (quick) timer = setTimeout(() => provisional(groups, text, ticket), PROVISIONAL_MS);
  try {
    await needed;
  } finally {
    clearTimeout(timer);
  }
  if (!byLocation) byLocation = new Map(meta.docs.map((doc, n) => [doc[0], n]));
  const hits = ranked(currentEngine(), groups, text, OPTIONS, (location) => byLocation.get(location));
  await load(hits.slice(0, SHOWN).map((hit) => Math.floor(hit.n / meta.chunk)), chunks, "d");
  return { items: itemsOf(hits, groups) };
}

function itemsOf(hits, groups) {
  const asked = groups.map((group) => group[0]);
  return hits.map((hit) => {
    const [location, title] = meta.docs[hit.n];
    const chunk = chunks.get(Math.floor(hit.n / meta.chunk));
    const [shown, tags] = chunk ? chunk[hit.n % meta.chunk] : ["", []];
    const terms = {};
    for (const term of asked) terms[term] = hit.queryTerms.includes(term);
    const words = hit.terms.filter((word) => word.length > 1);
    return [{ location, title: highlight(title, words), text: highlight(shown, words), tags, score: hit.score, terms }];
  });
}

async function answer(text) {
  const ticket = ++latest;
  if (!text.trim()) {
    self.postMessage({ type: RESULT, data: { items: [], query: text } });
    return;
  }
  try {
    await warm();
    const data = await search(text, ticket);
    if (ticket === latest) self.postMessage({ type: RESULT, data: { ...data, query: text } });
  } catch (error) {
    // A failed fetch is tried again by the next query; this one shows no results.
    if (ticket === latest) self.postMessage({ type: RESULT, data: { items: [], query: text } });
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
