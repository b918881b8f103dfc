// Unit tests of the schedule (overrides/assets/javascripts/schedule.js): `node --test tests/js`.
import assert from "node:assert/strict";
import { register } from "node:module";
import { test } from "node:test";

register("./vendor-hook.mjs", import.meta.url);
const s = await import("../../overrides/assets/javascripts/schedule.js");

const MIN = 60 * 1000;
const DAY = s.DAY;
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

test("a new card follows the learning steps, then days", () => {
  const outcomes = s.preview(null, T0);
  assert.equal(outcomes.again.interval, 1 * MIN);
  assert.equal(outcomes.hard.interval, 6 * MIN);
  assert.equal(outcomes.good.interval, 10 * MIN);
  assert.ok(outcomes.easy.interval >= 7 * DAY, "easy on a new card graduates it");
  const first = s.review(null, "good", T0);
  assert.equal(first.due, T0 + 10 * MIN);
  assert.equal(first.last_review, T0);
  const second = s.review(first, "good", first.due);
  assert.ok(second.due - first.due >= DAY, "a second good leaves the learning steps");
});

test("preview gives exactly what review stores", () => {
  let card = null;
  let now = T0;
  for (const grade of ["good", "good", "hard", "again", "good", "easy"]) {
    const expected = s.preview(card, now)[grade].due;
    card = s.review(card, grade, now);
    assert.equal(card.due, expected);
    now = card.due;
  }
});

test("intervals read like Anki's buttons", () => {
  assert.equal(s.formatInterval(30 * 1000), "1m");
  assert.equal(s.formatInterval(10 * MIN), "10m");
  assert.equal(s.formatInterval(5 * 60 * MIN), "5h");
  assert.equal(s.formatInterval(3 * DAY), "3d");
  assert.equal(s.formatInterval(61 * DAY), "2mo");
  assert.equal(s.formatInterval(548 * DAY), "1.5y");
});

test("known means a week of stability in review", () => {
  assert.equal(s.isKnown(null), false);
  const easy = s.review(null, "easy", T0);
  assert.equal(s.isKnown(easy), true);
  const lapsed = s.review(easy, "again", easy.due);
  assert.equal(s.isKnown(lapsed), false);
  assert.equal(s.needsReview(lapsed), true);
  assert.equal(s.isDue(lapsed, lapsed.due - 1), false);
  assert.equal(s.isDue(lapsed, lapsed.due), true);
});

test("Leitner boxes migrate: known stays known, due dates are kept", () => {
  const last = T0;
  const boxes = [1, 2, 3, 4, 5].map((box) => s.fromLeitner({ box, due: last + [0, 1, 3, 7, 21][box - 1] * DAY, last, reviews: 3 }));
  assert.deepEqual(boxes.map(s.isKnown), [false, false, false, true, true]);
  assert.deepEqual(boxes.map((c) => (c.due - last) / DAY), [0, 1, 3, 7, 21]);
  boxes.forEach((card) => {
    assert.ok(s.isCard(card));
    assert.equal(card.reps, 3);
    // A migrated card goes on to be scheduled like any other.
    assert.ok(s.review(card, "good", card.due).due > card.due);
  });
  assert.equal(s.fromLeitner({ box: 0 }), null);
  assert.equal(s.fromLeitner(null), null);
});

test("a queue takes due cards, most overdue first, then new ones", () => {
  const questions = ["a", "b", "c", "d"].map((id) => ({ id }));
  const cards = {
    a: s.review(null, "easy", T0),
    b: Object.assign(s.review(null, "again", T0), { due: T0 - 2 * MIN }),
    c: Object.assign(s.review(null, "again", T0), { due: T0 - 5 * MIN }),
  };
  assert.deepEqual(s.buildQueue(questions, cards, T0, 10).map((q) => q.id), ["c", "b", "d"]);
  assert.deepEqual(s.buildQueue(questions, cards, T0, 1).map((q) => q.id), ["c"]);
  assert.deepEqual(s.weakFirst(questions, cards, T0).map((q) => q.id), ["b", "c", "d", "a"]);
});

test("due counts per day, reviews per day and the streak", () => {
  const now = new Date(2026, 0, 5, 15, 0).getTime();
  const cards = {
    overdue: Object.assign(s.review(null, "again", now), { due: now - DAY }),
    later: Object.assign(s.review(null, "easy", now), { due: new Date(2026, 0, 8, 9, 0).getTime() }),
    far: Object.assign(s.review(null, "easy", now), { due: new Date(2026, 2, 1).getTime() }),
  };
  assert.deepEqual(s.dueByDay(cards, now, 5), [1, 0, 0, 1, 0]);
  const log = { "2026-01-03": 2, "2026-01-04": 4, "2026-01-05": 1 };
  assert.deepEqual(s.reviewsByDay(log, now, 3).map((d) => d.count), [2, 4, 1]);
  assert.equal(s.streak(log, now), 3);
  // Today without a review yet does not break yesterday's streak.
  assert.equal(s.streak({ "2026-01-04": 1 }, now), 1);
  assert.equal(s.streak({ "2026-01-02": 1 }, now), 0);
});
