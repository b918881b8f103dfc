/* The page's side of the exercise runner: one worker, a time limit and a Stop button.
 *
 * The worker (runner-worker.js, Pyodide inside) is created on the first run,
 * never before, and reused while it behaves. Stop, or a run that passes the
 * time limit, terminates it and starts a fresh one at once, so an infinite
 * loop costs the reader a few seconds of start-up, never the page.
 */

// A run's own time, counted once Python is ready (start-up is not the reader's code).
export const TIME_LIMIT_MS = 10000;
// Python's start-up on a slow connection (about 13 MB the first time); past this, something is wrong.
export const START_LIMIT_MS = 120000;

export class Runner {
  constructor(workerUrl, { limit = TIME_LIMIT_MS, createWorker } = {}) {
    this.workerUrl = workerUrl;
    this.limit = limit;
    this.createWorker = createWorker || ((url) => new Worker(url, { type: "module" }));
    this.worker = null;
    this.ready = null;
    this.current = null;
    this.nextId = 1;
    this.queue = Promise.resolve();
  }

  /** The worker, started if there is none; resolves when Python is ready. */
  start() {
    if (this.ready) return this.ready;
    const worker = this.createWorker(this.workerUrl);
    this.worker = worker;
    this.ready = new Promise((resolve, reject) => {
      const late = setTimeout(() => reject(new Error("Python did not start within " + START_LIMIT_MS / 1000 + " s")), START_LIMIT_MS);
      worker.addEventListener("message", (event) => {
        clearTimeout(late);
        const data = event.data || {};
        if (data.type === "ready") resolve(data);
        else if (data.type === "failed" && data.id === undefined) reject(new Error(data.message));
        else if (this.current && data.id === this.current.id) this.current.settle(data);
      });
      worker.addEventListener("error", (event) => {
        const error = new Error((event && event.message) || "the runner could not start");
        reject(error);
        if (this.current) this.current.settle({ type: "failed", message: error.message });
      });
    });
    // A start-up failure is reported to whoever runs next, and the next try starts afresh.
    this.ready.catch(() => this.discard());
    return this.ready;
  }

  discard() {
    if (this.worker) this.worker.terminate();
    this.worker = null;
    this.ready = null;
  }

  /**
   * Run a request ({source, entry, tests, tolerance}); resolves to
   * {status: "done", result} | {status: "timeout"} | {status: "stopped"} | {status: "failed", message}.
   * onStart() is called once Python is ready and the run begins.
   */
  run(request, { onStart } = {}) {
    const job = this.queue.then(() => this._run(request, onStart));
    this.queue = job.catch(() => {});
    return job;
  }

  async _run(request, onStart) {
    try {
      await this.start();
    } catch (error) {
      return { status: "failed", message: error.message };
    }
    const id = this.nextId++;
    return new Promise((resolve) => {
      const finish = (outcome) => {
        clearTimeout(timer);
        this.current = null;
        resolve(outcome);
      };
      const timer = setTimeout(() => {
        this.restart();
        finish({ status: "timeout" });
      }, this.limit);
      this.current = {
        id,
        settle: (data) => finish(data.type === "result" ? { status: "done", result: data.result } : { status: "failed", message: data.message }),
        stop: () => finish({ status: "stopped" }),
      };
      if (onStart) onStart();
      this.worker.postMessage({ id, request });
    });
  }

  /** Terminate the worker (and the run in it) and warm a fresh one for the next run. */
  restart() {
    this.discard();
    this.start().catch(() => {});
  }

  /** Stop the run in progress, if any. */
  stop() {
    if (!this.current) return false;
    const current = this.current;
    this.restart();
    current.stop();
    return true;
  }

  get busy() {
    return this.current !== null;
  }

  dispose() {
    if (this.current) this.current.stop();
    this.discard();
  }
}

let shared = null;

/** The page's one runner (a topic page's exercises share it), created on first use. */
export function sharedRunner(workerUrl) {
  if (!shared) shared = new Runner(workerUrl);
  return shared;
}

/** Let the runner go (the reader left the page): its worker and its memory. */
export function releaseRunner() {
  if (shared) shared.dispose();
  shared = null;
}
