// Unit tests of the exercise runner's page side (runner.js) and the exercise store: `node --test tests/js`.
import assert from "node:assert/strict";
import { register } from "node:module";
import { test } from "node:test";

register("./vendor-hook.mjs", import.meta.url);
const { Runner } = await import("../../overrides/assets/javascripts/runner.js");
const store = await import("../../overrides/assets/javascripts/exercise-store.js");

/** A stand-in worker: answers after `delay` ms, or never when delay is null (an endless loop). */
function fakeWorkers(delays) {
  const made = [];
  const create = () => {
    const listeners = {};
    const worker = {
      terminated: false,
      addEventListener: (type, fn) => ((listeners[type] = listeners[type] || []).push(fn)),
      emit: (type, data) => (listeners[type] || []).forEach((fn) => fn({ data })),
      postMessage({ id, request }) {
        const delay = delays.shift();
        if (delay === null) return;
        setTimeout(() => !worker.terminated && worker.emit("message", { type: "result", id, result: { echo: request.source } }), delay);
      },
      terminate() {
        worker.terminated = true;
      },
    };
    setTimeout(() => worker.emit("message", { type: "ready" }), 5);
    made.push(worker);
    return worker;
  };
  return { made, create };
}

test("a run answers with the worker's result, and the worker is made once", async () => {
  const fake = fakeWorkers([5, 5]);
  const runner = new Runner("w.js", { limit: 500, createWorker: fake.create });
  assert.equal(fake.made.length, 0, "no worker before the first run");
  const first = await runner.run({ source: "a" });
  assert.deepEqual(first, { status: "done", result: { echo: "a" } });
  const second = await runner.run({ source: "b" });
  assert.equal(second.result.echo, "b");
  assert.equal(fake.made.length, 1);
});

test("a run past the limit ends the worker and the next run gets a fresh one", async () => {
  const fake = fakeWorkers([null, 5]);
  const runner = new Runner("w.js", { limit: 50, createWorker: fake.create });
  const started = Date.now();
  assert.deepEqual(await runner.run({ source: "loop" }), { status: "timeout" });
  assert.ok(Date.now() - started < 1000);
  assert.equal(fake.made[0].terminated, true);
  const next = await runner.run({ source: "ok" });
  assert.equal(next.status, "done");
  assert.equal(fake.made.length, 2);
});

test("stop ends the run at once and runs queue one after another", async () => {
  const fake = fakeWorkers([null, 5, 5]);
  const runner = new Runner("w.js", { limit: 10000, createWorker: fake.create });
  let began = false;
  const looping = runner.run({ source: "loop" }, { onStart: () => (began = true) });
  const queued = runner.run({ source: "after" });
  await new Promise((resolve) => setTimeout(resolve, 30));
  assert.ok(began && runner.busy);
  assert.equal(runner.stop(), true);
  assert.deepEqual(await looping, { status: "stopped" });
  assert.equal((await queued).result.echo, "after");
  assert.equal(runner.stop(), false, "nothing to stop");
});

test("a worker that cannot start is reported, and the next run tries again", async () => {
  let attempts = 0;
  const create = () => {
    attempts += 1;
    const listeners = {};
    const worker = {
      addEventListener: (type, fn) => ((listeners[type] = listeners[type] || []).push(fn)),
      postMessage() {},
      terminate() {},
    };
    setTimeout(() => (listeners.message || []).forEach((fn) => fn({ data: { type: "failed", message: "no wasm" } })), 5);
    return worker;
  };
  const runner = new Runner("w.js", { createWorker: create });
  assert.deepEqual(await runner.run({}), { status: "failed", message: "no wasm" });
  await runner.run({});
  assert.equal(attempts, 2);
});

test("a submit's grade: good on your own, hard with hints, again after the solution or a failure", () => {
  assert.equal(store.submitGrade({ passed: true, hints: 0, sawSolution: false }), "good");
  assert.equal(store.submitGrade({ passed: true, hints: 2, sawSolution: false }), "hard");
  assert.equal(store.submitGrade({ passed: true, hints: 0, sawSolution: true }), "again");
  assert.equal(store.submitGrade({ passed: false, hints: 0, sawSolution: false }), "again");
});

test("code and solved exercises are kept per question id", () => {
  let value = null;
  const slot = { read: () => (value ? JSON.parse(value) : null), write: (v) => ((value = JSON.stringify(v)), true) };
  const s = store.exerciseStore(slot);
  assert.equal(s.code("a"), null);
  s.saveCode("a", "def f(): pass");
  s.saveCode("b", "x = 1");
  assert.equal(s.code("a"), "def f(): pass");
  s.clearCode("a");
  assert.equal(s.code("a"), null);
  assert.equal(s.code("b"), "x = 1");
  s.markSolved("b", 100);
  s.markSolved("b", 200);
  assert.deepEqual(s.solved(), { b: 100 }, "the first solve is kept");
  value = "not json {";
  assert.equal(store.exerciseStore({ read: () => null, write: () => true }).code("a"), null);
  const counts = store.solvedByTopic(
    [{ id: "a", topic: "t" }, { id: "b", topic: "t" }, { id: "c", topic: "u" }],
    { b: 1, c: 2, gone: 3 },
  );
  assert.deepEqual(counts, { t: { solved: 1, total: 2 }, u: { solved: 1, total: 1 } });
});
