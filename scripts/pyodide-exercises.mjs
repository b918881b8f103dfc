// Runs exercises under Pyodide in Node with the browser's boot code and harness:
//   node scripts/pyodide-exercises.mjs REQUESTS.json  ->  results as JSON on stdout
// REQUESTS.json: [{key, source, entry, tests, tolerance}]; the answer: {version, dropped, results: {key: result}}.
// Nothing is fetched: Pyodide loads from node_modules.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { loadPyodide } = await import(pathToFileURL(path.join(root, "node_modules", "pyodide", "pyodide.mjs")).href);
const { startPython } = await import(pathToFileURL(path.join(root, "overrides", "assets", "javascripts", "python-boot.js")).href);

const requests = JSON.parse(readFileSync(process.argv[2], "utf-8"));
const harness = readFileSync(path.join(root, "generator", "harness.py"), "utf-8");
const started = performance.now();
const python = await startPython(loadPyodide, path.join(root, "node_modules", "pyodide") + path.sep, harness);
const startMs = performance.now() - started;
const results = {};
for (const request of requests) results[request.key] = python.run(request);
process.stdout.write(JSON.stringify({ version: python.version, dropped: python.dropped, startMs, results }));
