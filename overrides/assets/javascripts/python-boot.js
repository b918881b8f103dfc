/* Python for the exercises: Pyodide started, the harness loaded, the way out of Python closed.
 *
 * Shared by the runner's worker (runner-worker.js) and the Node tests, so
 * the tests prove exactly what the browser runs. The harness (harness.py,
 * copied from generator/harness.py) does the comparing; lock_down() then
 * drops the modules that reach JavaScript or the host and refuses to import
 * them again. Pyodide's own JavaScript side keeps its references and works on.
 */

export const HARNESS_FILE = "/home/pyodide/harness.py";

/** Start Python: {run(request) -> result, version}. loadPyodide comes from pyodide.mjs. */
export async function startPython(loadPyodide, indexURL, harnessSource) {
  // The reader's print() is captured by the harness; nothing goes to the console.
  const quiet = () => {};
  const pyodide = await loadPyodide({ indexURL, stdout: quiet, stderr: quiet });
  pyodide.FS.writeFile(HARNESS_FILE, harnessSource);
  const harness = pyodide.pyimport("harness");
  const dropped = harness.lock_down().toJs();
  const runJson = harness.run_json;
  return {
    version: pyodide.version,
    dropped,
    run(request) {
      return JSON.parse(runJson(JSON.stringify(request)));
    },
  };
}
