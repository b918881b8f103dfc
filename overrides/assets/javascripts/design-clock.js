/* The design round's clock: which phase is running and how much time is left, from timestamps only.
 *
 * Each phase ends at its planned boundary (the sum of the minutes before and
 * including it, counted from the start), or earlier if the reader moved on.
 * Moving on early banks the time: the next phase still runs to its own
 * planned boundary. Everything takes `now`, so tests replay any moment.
 */
export const MINUTE = 60 * 1000;

/** Planned end of each phase, ms after the start. */
export function boundaries(phases) {
  let sum = 0;
  return phases.map((phase) => (sum += phase.minutes * MINUTE));
}

/**
 * The phase running at `now`: {index, start, end, left, totalLeft, finished}.
 * `movedOn` maps a phase index to the time the reader left it early.
 */
export function phaseAt(phases, startedAt, movedOn, now) {
  const ends = boundaries(phases);
  const total = ends[ends.length - 1];
  let start = startedAt;
  for (let index = 0; index < phases.length; index += 1) {
    const planned = startedAt + ends[index];
    const left = movedOn && typeof movedOn[index] === "number" ? Math.min(movedOn[index], planned) : planned;
    if (now < left) {
      return { index, start, end: planned, left: planned - now, totalLeft: startedAt + total - now, finished: false };
    }
    start = left;
  }
  return { index: phases.length, start, end: startedAt + total, left: 0, totalLeft: Math.min(0, startedAt + total - now), finished: true };
}

/** mm:ss, never negative. */
export function formatClock(ms) {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
}

/** A case for a random round: one never practised if any, else the one practised longest ago. */
export function pickCase(ids, history, random) {
  const fresh = ids.filter((id) => !(history && history[id] && history[id].length));
  if (fresh.length) return fresh[Math.floor(random() * fresh.length)];
  const last = (id) => Math.max.apply(null, history[id].map((entry) => entry.at));
  return ids.slice().sort((a, b) => last(a) - last(b))[0] || null;
}
