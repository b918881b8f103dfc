// Unit tests of the design round's logic (grading.js, design-clock.js): `node --test tests/js`.
import assert from "node:assert/strict";
import { register } from "node:module";
import { test } from "node:test";

register("./vendor-hook.mjs", import.meta.url);
const g = await import("../../overrides/assets/javascripts/grading.js");
const c = await import("../../overrides/assets/javascripts/design-clock.js");

const MIN = 60 * 1000;
const T0 = Date.UTC(2026, 11, 5, 9, 0, 0);
// The page's phases (pages.DESIGN_PHASES) and grade bands (pages.DESIGN_GRADES), in short.
const PHASES = [5, 3, 5, 4, 12, 6, 6, 4].map((minutes, i) => ({ key: "p" + i, minutes }));
const BANDS = [
  { grade: "again", below: 0.5 },
  { grade: "hard", below: 0.7 },
  { grade: "good", below: 0.9 },
  { grade: "easy", below: null },
];
const SIZES = { clarify: 3, capacity: 2, data: 3, "red-flags": 3 };

test("the phases fill 45 minutes and follow the clock", () => {
  assert.deepEqual(c.boundaries(PHASES).map((ms) => ms / MIN), [5, 8, 13, 17, 29, 35, 41, 45]);
  let at = c.phaseAt(PHASES, T0, {}, T0);
  assert.equal(at.index, 0);
  assert.equal(at.left, 5 * MIN);
  assert.equal(at.totalLeft, 45 * MIN);
  at = c.phaseAt(PHASES, T0, {}, T0 + 5 * MIN);
  assert.equal(at.index, 1, "a phase ends at its boundary");
  at = c.phaseAt(PHASES, T0, {}, T0 + 20 * MIN);
  assert.equal(at.index, 4);
  assert.equal(at.left, 9 * MIN);
  at = c.phaseAt(PHASES, T0, {}, T0 + 45 * MIN);
  assert.equal(at.finished, true);
});

test("moving on early banks the time for the next phase", () => {
  const movedOn = { 0: T0 + 2 * MIN };
  const at = c.phaseAt(PHASES, T0, movedOn, T0 + 2 * MIN);
  assert.equal(at.index, 1);
  assert.equal(at.start, T0 + 2 * MIN);
  assert.equal(at.left, 6 * MIN, "the estimate phase keeps its own boundary at minute 8");
  assert.equal(at.totalLeft, 43 * MIN, "the round still ends at 45 minutes");
  // Leaving the last phase early finishes the round.
  const all = Object.fromEntries(PHASES.map((_, i) => [i, T0 + (i + 1) * 1000]));
  assert.equal(c.phaseAt(PHASES, T0, all, T0 + 9 * 1000).finished, true);
});

test("the clock reads mm:ss and never goes negative", () => {
  assert.equal(c.formatClock(45 * MIN), "45:00");
  assert.equal(c.formatClock(61 * 1000), "1:01");
  assert.equal(c.formatClock(500), "0:01");
  assert.equal(c.formatClock(-5000), "0:00");
});

test("a random case is one never practised, else the one practised longest ago", () => {
  const ids = ["a", "b", "c"];
  const history = { a: [{ at: 5 }], c: [{ at: 1 }] };
  assert.equal(c.pickCase(ids, history, () => 0.99), "b");
  const all = { a: [{ at: 5 }], b: [{ at: 9 }, { at: 2 }], c: [{ at: 7 }] };
  assert.equal(c.pickCase(ids, all, () => 0), "a");
  assert.equal(c.pickCase(["x", "y"], {}, () => 0.6), "y");
});

test("ticks give a score per section and a total; red flags apart", () => {
  let ticks = {};
  ticks = g.setTick(ticks, "clarify", 2, true);
  ticks = g.setTick(ticks, "clarify", 0, true);
  ticks = g.setTick(ticks, "data", 1, true);
  ticks = g.setTick(ticks, "red-flags", 0, true);
  ticks = g.setTick(ticks, "data", 1, false);
  assert.deepEqual(ticks, { clarify: [0, 2], "red-flags": [0] });
  const scores = g.sectionScores(SIZES, ticks);
  assert.deepEqual(
    scores.map((s) => [s.section, s.ticked, s.total]),
    [["clarify", 2, 3], ["capacity", 0, 2], ["data", 0, 3]]
  );
  assert.deepEqual(g.totalScore(SIZES, ticks), { ticked: 2, total: 8, share: 0.25, flags: 1 });
});

test("the weakest sections come lowest share first, ties in rubric order, full marks left out", () => {
  const ticks = { clarify: [0, 1, 2], capacity: [0], data: [0] };
  const weakest = g.weakestSections(SIZES, ticks, 3).map((s) => s.section);
  assert.deepEqual(weakest, ["data", "capacity"]);
  assert.deepEqual(g.weakestSections(SIZES, {}, 2).map((s) => s.section), ["clarify", "capacity"]);
});

test("ticks from storage are cleaned against the rubric", () => {
  const dirty = { clarify: [0, 0, 7, -1, "x", 1], gone: [0], data: "no" };
  assert.deepEqual(g.cleanTicks(dirty, SIZES), { clarify: [0, 1] });
  assert.deepEqual(g.cleanTicks(null, SIZES), {});
});

test("the score maps to an FSRS grade, one band lower per red flag", () => {
  assert.equal(g.gradeFor(0.2, 0, BANDS), "again");
  assert.equal(g.gradeFor(0.5, 0, BANDS), "hard");
  assert.equal(g.gradeFor(0.69, 0, BANDS), "hard");
  assert.equal(g.gradeFor(0.7, 0, BANDS), "good");
  assert.equal(g.gradeFor(0.9, 0, BANDS), "easy");
  assert.equal(g.gradeFor(1, 0, BANDS), "easy");
  assert.equal(g.gradeFor(0.95, 1, BANDS), "good");
  assert.equal(g.gradeFor(0.95, 2, BANDS), "hard");
  assert.equal(g.gradeFor(0.6, 3, BANDS), "again", "never below the first band");
});
