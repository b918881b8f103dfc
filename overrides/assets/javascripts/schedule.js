/* The review schedule as pure functions over stored cards: FSRS through ts-fsrs.
 *
 * A stored card is plain JSON (times as epoch milliseconds) so localStorage,
 * exports and the Python tests read it without Date revivers. Every function
 * takes `now` instead of reading the clock, so tests replay any history.
 */
import { Rating, State, createEmptyCard, fsrs } from "./vendor/ts-fsrs.mjs";

export const DAY = 24 * 60 * 60 * 1000;
// Fuzz off: the interval a grade button shows is the one that gets stored,
// and the same history gives the same dates in every browser (and in py-fsrs).
const scheduler = fsrs({ enable_fuzz: false });

export const RATINGS = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good, easy: Rating.Easy };
export const GRADE_NAMES = Object.keys(RATINGS);
// A question is "known" once its memory is expected to hold a week or more
// (stability in days), the same threshold as the old Leitner box 4.
export const KNOWN_STABILITY_DAYS = 7;
// Old Leitner boxes and the days each one waited; migration uses them as stability.
const LEITNER_DAYS = { 1: 0, 2: 1, 3: 3, 4: 7, 5: 21 };

function toLibrary(card) {
  return {
    due: new Date(card.due),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsed_days || 0,
    scheduled_days: card.scheduled_days || 0,
    learning_steps: card.learning_steps || 0,
    reps: card.reps || 0,
    lapses: card.lapses || 0,
    state: card.state,
    last_review: card.last_review ? new Date(card.last_review) : undefined,
  };
}

function fromLibrary(card) {
  return {
    due: card.due.getTime(),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsed_days,
    scheduled_days: card.scheduled_days,
    learning_steps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    last_review: card.last_review ? card.last_review.getTime() : null,
  };
}

/** A stored card is usable if it has the fields FSRS needs; anything else counts as never seen. */
export function isCard(card) {
  return (
    !!card &&
    typeof card === "object" &&
    typeof card.due === "number" &&
    typeof card.stability === "number" &&
    typeof card.difficulty === "number" &&
    [State.New, State.Learning, State.Review, State.Relearning].indexOf(card.state) >= 0
  );
}

function libraryCard(card, now) {
  return isCard(card) ? toLibrary(card) : createEmptyCard(new Date(now));
}

/** The card after a grade ("again", "hard", "good", "easy") at time now. */
export function review(card, grade, now) {
  const rating = RATINGS[grade];
  if (!rating) throw new Error("unknown grade " + grade);
  return fromLibrary(scheduler.next(libraryCard(card, now), new Date(now), rating).card);
}

/** What each grade would do now: {grade: {due, interval}} with the interval in ms. */
export function preview(card, now) {
  const outcomes = scheduler.repeat(libraryCard(card, now), new Date(now));
  const result = {};
  GRADE_NAMES.forEach((grade) => {
    const due = outcomes[RATINGS[grade]].card.due.getTime();
    result[grade] = { due, interval: due - now };
  });
  return result;
}

/** An interval the way Anki shows it on its buttons: 1m, 10m, 3h, 4d, 2mo, 1.5y. */
export function formatInterval(ms) {
  const minutes = Math.max(1, Math.round(ms / 60000));
  if (minutes < 60) return minutes + "m";
  const hours = Math.round(minutes / 60);
  if (hours < 24) return hours + "h";
  const days = Math.round(ms / DAY);
  if (days < 31) return days + "d";
  if (days < 365) return Math.round(days / 30.4) + "mo";
  const years = Math.round((days / 365) * 10) / 10;
  return years + "y";
}

export function isKnown(card) {
  return isCard(card) && card.state === State.Review && card.stability >= KNOWN_STABILITY_DAYS;
}

/** Seen and not yet known: what the topic pages mark "review". */
export function needsReview(card) {
  return isCard(card) && !isKnown(card);
}

export function isDue(card, now) {
  return isCard(card) && card.due <= now;
}

/** How likely the answer is still remembered now (0-1); a new card counts as 0. */
export function retrievability(card, now) {
  if (!isCard(card) || card.state === State.New) return 0;
  return scheduler.get_retrievability(toLibrary(card), new Date(now), false);
}

/**
 * A card of the old Leitner format ({box, due, last, reviews}) as an FSRS card.
 *
 * The box's wait becomes the stability, so box 4 and 5 stay known and box 2-3
 * come back about when they would have; the due date is kept as it was.
 * Box 1 ("review again") becomes a card in learning, as after an "again".
 */
export function fromLeitner(old) {
  if (!old || typeof old.box !== "number" || old.box < 1) return null;
  const box = Math.max(1, Math.min(5, Math.round(old.box)));
  const last = typeof old.last === "number" ? old.last : typeof old.due === "number" ? old.due : 0;
  const due = typeof old.due === "number" ? old.due : last;
  if (box === 1) {
    return Object.assign(review(null, "again", last), { due, reps: old.reviews || 1 });
  }
  // Difficulty as FSRS would set it after a first "good".
  const base = review(null, "good", last);
  return Object.assign(base, {
    state: State.Review,
    stability: LEITNER_DAYS[box],
    scheduled_days: LEITNER_DAYS[box],
    learning_steps: 0,
    due,
    last_review: last,
    reps: old.reviews || 1,
  });
}

/** Due cards first (most overdue first), then cards never seen, in the given order. */
export function buildQueue(questions, cards, now, size) {
  const due = questions.filter((q) => isDue(cards[q.id], now));
  due.sort((a, b) => cards[a.id].due - cards[b.id].due);
  const fresh = questions.filter((q) => !isCard(cards[q.id]));
  return due.concat(fresh).slice(0, size);
}

/**
 * Weakest first: seen and not known, least likely remembered first; then
 * never seen; known questions last. For a mock interview aimed at gaps.
 */
export function weakFirst(questions, cards, now) {
  const rank = (q) => {
    const card = cards[q.id];
    if (!isCard(card)) return 1;
    // Kept below 1 so a card just failed still comes before one never seen.
    const recall = Math.min(retrievability(card, now), 0.999);
    return isKnown(card) ? 2 + recall : recall;
  };
  return questions
    .map((q, index) => ({ q, index, rank: rank(q) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((entry) => entry.q);
}

/** A local calendar day as YYYY-MM-DD, the key of the reviews-per-day log. */
export function dayKey(ms) {
  const date = new Date(ms);
  const pad = (n) => String(n).padStart(2, "0");
  return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate());
}

/** Reviews due on each of the next `days` local days; today includes anything overdue. */
export function dueByDay(cards, now, days) {
  const start = new Date(now);
  start.setHours(0, 0, 0, 0);
  const counts = new Array(days).fill(0);
  Object.keys(cards).forEach((id) => {
    const card = cards[id];
    if (!isCard(card)) return;
    const index = card.due <= now ? 0 : Math.floor(daysBetween(start.getTime(), card.due));
    if (index >= 0 && index < days) counts[index] += 1;
  });
  return counts;
}

// Whole local days from one midnight to a time, across daylight-saving changes.
function daysBetween(midnight, ms) {
  const date = new Date(ms);
  date.setHours(0, 0, 0, 0);
  const from = new Date(midnight);
  return Math.round((Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()) -
    Date.UTC(from.getFullYear(), from.getMonth(), from.getDate())) / DAY);
}

/** The last `days` local days as [{day, count}], oldest first. */
export function reviewsByDay(log, now, days) {
  const out = [];
  for (let back = days - 1; back >= 0; back -= 1) {
    const date = new Date(now);
    date.setHours(12, 0, 0, 0);
    date.setDate(date.getDate() - back);
    const day = dayKey(date.getTime());
    out.push({ day, count: (log && log[day]) || 0 });
  }
  return out;
}

/** Days in a row with a review, ending today (or yesterday, while today is still open). */
export function streak(log, now) {
  let count = 0;
  const date = new Date(now);
  date.setHours(12, 0, 0, 0);
  if (!(log && log[dayKey(date.getTime())])) date.setDate(date.getDate() - 1);
  while (log && log[dayKey(date.getTime())]) {
    count += 1;
    date.setDate(date.getDate() - 1);
  }
  return count;
}
