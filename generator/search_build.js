/* Builds the site's search index ahead of time, so a reader's browser loads it ready to query.
 *
 * Reads lines of JSON on stdin, each {docs: [...]} (first the questions, then
 * the other pages), indexing each line as it comes, so the questions are
 * indexed while the engine still builds the pages; at the end of the input it
 * writes {files: {name: text}} to stdout: the files of search/qb/, which
 * generator/search_index.py puts into the site.
 *   meta.json   what every search needs: MiniSearch's counts and field
 *               lengths, each document's address, title, id and flags, and
 *               the first term key of every shard;
 *   t<N>.json   the index entries (term -> field -> document -> count) of a
 *               run of terms, by their first two characters: a query fetches
 *               only the shards its words fall in;
 *   d<N>.json   what a result shows under its title (text and tags), CHUNK
 *               documents a file, fetched for the results on screen.
 * Terms come from search-terms.js, which the worker uses on the query. */
"use strict";

const MiniSearch = require("minisearch");
const terms = require("../overrides/assets/javascripts/search-terms.js");

const FIELDS = ["title", "id", "tags", "short", "body"];
// A shard closes once its JSON passes this many characters (about a third gzipped).
const SHARD_CHARS = 48000;
const CHUNK = 256;

function plain(markup) {
  return (markup || "").replace(/<[^>]*>/g, " ");
}

function newEngine() {
  return new MiniSearch({
    idField: "location",
    fields: FIELDS,
    storeFields: [],
    tokenize: terms.tokenize,
    processTerm: terms.processTerm,
    extractField: (doc, field) => {
      if (field === "location") return doc.location;
      if (field === "tags") return (doc.tags || []).join(" ");
      if (field === "body") return doc.body || plain(doc.text);
      if (field === "title") return plain(doc.title);
      return doc[field] || "";
    },
  });
}

function build(engine, docs) {
  const js = engine.toJSON();
  const byKey = new Map();
  for (const entry of js.index) {
    const key = terms.shardKey(entry[0]);
    if (!byKey.has(key)) byKey.set(key, []);
    byKey.get(key).push(entry);
  }
  const files = {};
  const shards = [];
  let current = [], size = 0;
  const close = () => {
    if (!current.length) return;
    files["t" + shards.length + ".json"] = JSON.stringify(current.flatMap((k) => byKey.get(k)));
    shards.push(current[0]);
    current = [];
    size = 0;
  };
  for (const key of [...byKey.keys()].sort()) {
    current.push(key);
    size += JSON.stringify(byKey.get(key)).length;
    if (size >= SHARD_CHARS) close();
  }
  close();
  for (let start = 0; start < docs.length; start += CHUNK) {
    files["d" + start / CHUNK + ".json"] = JSON.stringify(
      docs.slice(start, start + CHUNK).map((doc) => [doc.text || "", doc.tags || []])
    );
  }
  const shortIds = Object.keys(js.documentIds).map(Number).sort((a, b) => a - b);
  files["meta.json"] = JSON.stringify({
    version: 1,
    fieldIds: js.fieldIds,
    documentCount: js.documentCount,
    nextId: js.nextId,
    dirtCount: js.dirtCount,
    averageFieldLength: js.averageFieldLength,
    // Document n of the index is docs[n]: its address, title, question id and whether it is an exercise.
    docs: docs.map((doc) => [doc.location, doc.title, doc.id || "", doc.exercise ? 1 : 0]),
    fieldLength: shortIds.map((id) => js.fieldLength[id]),
    shards,
    chunk: CHUNK,
  });
  return files;
}

const engine = newEngine();
const docs = [];
let pending = "";

function take(line) {
  if (!line.trim()) return;
  const batch = JSON.parse(line).docs;
  engine.addAll(batch);
  docs.push(...batch);
}

process.stdin.setEncoding("utf8");
process.stdin.on("data", (part) => {
  pending += part;
  let end;
  while ((end = pending.indexOf("\n")) >= 0) {
    take(pending.slice(0, end));
    pending = pending.slice(end + 1);
  }
});
process.stdin.on("end", () => {
  take(pending);
  process.stdout.write(JSON.stringify({ files: build(engine, docs) }));
});
