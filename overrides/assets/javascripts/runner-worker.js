/* The exercise runner's worker: Python (Pyodide) started once, then one run per message.
 *
 * The page (runner.js) creates it on the first Run and terminates it to stop
 * a run or end one past the time limit, so no loop can freeze the page.
 * Everything is loaded from this site, by paths relative to this file.
 */
import { loadPyodide } from "../runner/pyodide/pyodide.mjs";
import { startPython } from "./python-boot.js";

const runner = new URL("../runner/", import.meta.url);

function fail(error) {
  self.postMessage({ type: "failed", message: String((error && error.message) || error) });
}

// Pyodide's start-up can fail inside a callback (WebAssembly refused by a
// policy, say) and leave its promise pending: report that too, not silence.
self.addEventListener("unhandledrejection", (event) => fail(event.reason));
self.addEventListener("error", (event) => fail(event.message || event.error));

// The smallest WebAssembly module: compiling it shows at once whether the
// worker's policy allows WebAssembly (Pyodide would wait forever instead).
const EMPTY_MODULE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]);

const ready = (async () => {
  try {
    new WebAssembly.Module(EMPTY_MODULE);
  } catch (error) {
    throw new Error("WebAssembly is not allowed here (the worker's Content-Security-Policy needs 'wasm-unsafe-eval')");
  }
  const response = await fetch(new URL("harness.py", runner));
  if (!response.ok) throw new Error("the harness could not be loaded (" + response.status + ")");
  return startPython(loadPyodide, new URL("pyodide/", runner).href, await response.text());
})();

ready.then(
  (python) => self.postMessage({ type: "ready", version: python.version }),
  fail,
);

self.onmessage = async (event) => {
  const { id, request } = event.data;
  try {
    const python = await ready;
    self.postMessage({ type: "result", id, result: python.run(request) });
  } catch (error) {
    self.postMessage({ type: "failed", id, message: String((error && error.message) || error) });
  }
};
