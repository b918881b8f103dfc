/* The site's search worker, in place of Material's lunr one, speaking its
 * messages (SETUP -> READY, QUERY -> RESULT), so the header search box and its
 * results stay Material's. MiniSearch weighs a question's own words first,
 * then its tags, its short answer and its body; misspellings within one edit,
 * accents, and hyphenated or joined forms ("k-means", "kmeans") all match.
 * A classic worker: Material starts it with `new Worker(url)`. */
importScripts("vendor/minisearch.js");

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
const BOOST = { title: 6, id: 3, tags: 4, short: 2, body: 1 };
const STOP = new Set(
  ("a an and are as at be by can do does for from how i in into is it its me of on or " +
   "should the to vs versus what when which why with would you your").split(" ")
);

let engine = null;
let documents = new Map();

function tokenize(text) {
  const words = text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().split(/[^a-z0-9+\-/]+/);
  const tokens = [];
  for (const word of words) {
    const parts = word.split(/[-/+]+/).filter(Boolean);
    tokens.push(...parts);
    if (parts.length > 1) tokens.push(parts.join(""));
  }
  return tokens;
}

// A light English stemmer: enough that "testing", "tests" and "test" meet.
function stem(term) {
  if (term.length > 5 && term.endsWith("ing")) return term.slice(0, -3);
  if (term.length > 4 && term.endsWith("ies")) return term.slice(0, -3) + "y";
  if (term.length > 4 && term.endsWith("ed")) return term.slice(0, -2);
  if (term.length > 3 && term.endsWith("s") && !term.endsWith("ss")) return term.slice(0, -1);
  return term;
}

function processTerm(term) {
  return STOP.has(term) ? null : stem(term);
}

function plain(markup) {
  return (markup || "").replace(/<[^>]*>/g, " ");
}

function setup(index) {
  engine = new MiniSearch({
    idField: "location",
    fields: ["title", "id", "tags", "short", "body"],
    storeFields: [],
    tokenize,
    processTerm,
    extractField: (doc, field) => {
      if (field === "tags") return (doc.tags || []).join(" ");
      if (field === "body") return doc.body || plain(doc.text);
      if (field === "title") return plain(doc.title);
      if (field === "id") return doc.id || "";
      return doc[field] || "";
    },
    searchOptions: {
      boost: BOOST,
      prefix: (term) => term.length > 2,
      fuzzy: (term) => (term.length > 4 ? 0.2 : false),
      weights: { fuzzy: 0.6, prefix: 0.8 },
    },
  });
  const docs = index.docs.filter((doc) => !documents.has(doc.location) && documents.set(doc.location, doc));
  engine.addAll(docs);
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

function terms(text) {
  return tokenize(text).map(processTerm).filter(Boolean);
}

/* After the engine's score, what a reader means: a comparison query wants a
 * comparison question and a plain one does not; a question whose id names
 * exactly the words asked is the concept itself; a question about the word
 * (it comes early in the title) beats one that mentions it; and a from-scratch
 * exercise ranks below the concept it implements. */
function rescore(hit, asked, comparison) {
  const doc = documents.get(hit.id);
  if (!doc.id) return hit.score;
  let score = hit.score;
  const idTerms = terms(doc.id);
  const isComparison = /-vs-|\bvs\b|differ/.test(doc.id + " " + plain(doc.title).toLowerCase());
  if (comparison !== isComparison) score *= 0.8;
  if (idTerms.length === asked.length && asked.every((t) => idTerms.includes(t))) score *= 1.5;
  const title = terms(plain(doc.title));
  const first = title.findIndex((t) => asked.includes(t));
  if (first >= 0) score *= 1 + 0.3 / (1 + first);
  if (doc.exercise) score *= 0.85;
  return score;
}

function search(query) {
  if (!engine || !query.trim()) return { items: [] };
  let hits = engine.search(query, { combineWith: "AND" });
  if (!hits.length) hits = engine.search(query, { combineWith: "OR" });
  const asked = terms(query);
  const comparison = /\b(vs|versus|or|differ|difference|compared?)\b/i.test(query);
  for (const hit of hits) hit.score = rescore(hit, asked, comparison);
  hits.sort((a, b) => b.score - a.score);
  const items = hits.slice(0, 50).map((hit) => {
    const doc = documents.get(hit.id);
    const terms = {};
    for (const term of asked) terms[term] = hit.queryTerms.includes(term);
    const words = hit.terms.filter((word) => word.length > 1);
    return [
      {
        location: doc.location,
        title: highlight(doc.title, words),
        text: highlight(doc.text, words),
        tags: doc.tags,
        score: hit.score,
        terms,
      },
    ];
  });
  return { items };
}

self.addEventListener("message", (event) => {
  const message = event.data;
  if (message.type === SETUP) {
    setup(message.data);
    self.postMessage({ type: READY });
  } else if (message.type === QUERY) {
    self.postMessage({ type: RESULT, data: search(message.data) });
  }
});
