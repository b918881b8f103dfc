/* Zensical's search box, answered by the site's own search worker.
 *
 * Zensical's theme starts the worker named in its __config (overrides/main.html
 * names this one under Zensical) and speaks its own messages to it. This
 * adapter translates them for the site's search worker (search-worker.js,
 * started inside it), so both engines rank with the same worker:
 *
 *   Zensical -> here   {type: 0, data: {config, items}}  the items of search.json
 *                      {type: 2, data: {input, page}}    a query, and which page of results
 *   here -> Zensical   {type: 1}                          ready
 *                      {type: 3, data: {items, pagination, query}}
 *                                                          items: [{id, matches}], id an index
 *                                                          into search.json's items
 *                      {type: 4}                          search cannot work
 *   here -> worker     {type: 0 SETUP}, {type: 2 QUERY, data: "text"} (its interface is
 *                      documented at the top of search-worker.js)
 *   worker -> here     {type: 1 READY}, {type: 3 RESULT, data: {items: [[{location, title, text}]], query}}
 *                      (the worker answers only the latest query, and may send a
 *                      first answer marked partial: true before the full one)
 *
 * The generator writes search.json's items for Zensical (search_index.py):
 * one per question and the other pages' sections, the same locations the
 * worker answers with. Swapping the worker means changing this file only. */

const Z_SETUP = 0, Z_READY = 1, Z_QUERY = 2, Z_RESULT = 3, Z_ERROR = 4;
const W_SETUP = 0, W_READY = 1, W_QUERY = 2, W_RESULT = 3;
const PAGE = 10;
// The site's root, from this script's place in it (assets/javascripts/).
const ROOT = new URL("../../", self.location.href);

let worker = null;
let ready = false;
let byLocation = new Map(); // search.json location, relative to the root -> index in items
// Every query goes to the worker at once; its answers name their query, so
// one for a query the reader has typed past is dropped.
let latestPage = null; // the page of results asked with the latest query
let latest = ""; // what the box holds now
let last = { input: null, hits: [] }; // the worker's latest answer, paged from here

function relative(location) {
  const url = new URL(location, ROOT);
  return url.href.startsWith(ROOT.href) ? url.href.slice(ROOT.href.length) : location;
}

function fail() {
  if (worker) worker.terminate();
  worker = null;
  self.postMessage({ type: Z_ERROR });
}

/* Where the worker's <mark>s fall in the markup without them. The worker
 * marks the item's own markup (search.json's title or text), and Zensical
 * highlights by offsets into that markup, each range marked over its whole
 * length (`value`). */
function markRanges(markup) {
  const ranges = [];
  let offset = 0;
  let start = null;
  for (const part of (markup || "").split(/(<\/?mark>)/i)) {
    if (/^<mark>$/i.test(part)) start = offset;
    else if (/^<\/mark>$/i.test(part)) {
      if (start !== null && offset > start) ranges.push({ start, end: offset, value: offset - start });
      start = null;
    } else offset += part.length;
  }
  return ranges;
}

function matches(hit) {
  const found = [];
  for (const field of ["title", "text"]) {
    const ranges = markRanges(hit[field]);
    if (ranges.length) found.push({ field, value: { highlight: { ranges } } });
  }
  return found;
}

function answer(input, page) {
  const from = page && Number.isInteger(page.from) ? page.from : 0;
  const size = page && Number.isInteger(page.size) ? page.size : PAGE;
  const hits = last.input === input ? last.hits : [];
  const id = (page && page.id) || Date.now();
  const pagination = { total: hits.length };
  if (from > 0) pagination.prev = { id, size, from: Math.max(0, from - size) };
  if (from + size < hits.length) pagination.next = { id, size, from: from + size };
  self.postMessage({
    type: Z_RESULT,
    data: { items: hits.slice(from, from + size), pagination, query: { values: [] } },
  });
}

function onWorkerMessage(event) {
  const message = event.data || {};
  if (message.type === W_READY && !ready) {
    ready = true;
    self.postMessage({ type: Z_READY });
  } else if (message.type === W_RESULT) {
    const data = message.data || {};
    // An answer for a query typed past, or for a box emptied since, is not shown.
    if (!latest.trim() || data.query !== latest) return;
    show(latest, latestPage, data.items);
  }
}

function show(input, page, items) {
  const hits = [];
  for (const [hit] of items || []) {
    const id = byLocation.get(relative(hit.location));
    if (id !== undefined) hits.push({ id, matches: matches(hit) });
  }
  last = { input, hits };
  answer(input, page);
}

function setup(data) {
  byLocation = new Map((data.items || []).map((item, index) => [relative(item.location), index]));
  try {
    worker = new Worker(new URL("search-worker.js", self.location.href));
  } catch (error) {
    fail();
    return;
  }
  worker.onmessage = onWorkerMessage;
  worker.onerror = (event) => {
    if (event.preventDefault) event.preventDefault();
    fail();
  };
  // The worker loads its own index, and only once the reader reaches for
  // search (search-intent.js) or types: Zensical starts this with every page.
  worker.postMessage({ type: W_SETUP });
}

function query(data) {
  const input = typeof data.input === "string" ? data.input : "";
  const page = data.page;
  latest = input;
  latestPage = page;
  if (!input.trim()) {
    last = { input, hits: [] };
    answer(input, page);
  } else if (last.input === input && page) {
    answer(input, page); // a further page of the same query: no new search
  } else if (worker) {
    worker.postMessage({ type: W_QUERY, data: input });
  }
}

self.addEventListener("message", (event) => {
  const message = event.data || {};
  if (message.type === Z_SETUP) setup(message.data || {});
  else if (message.type === Z_QUERY) query(message.data || {});
});
