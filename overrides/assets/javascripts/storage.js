/* Progress in this browser's localStorage: one key, cards by question id.
 *
 * Keyed by id, progress survives re-ordered and added questions; ids that no
 * longer exist are ignored. localStorage may throw (private mode, quota,
 * disabled storage) or hold something unreadable: the page then keeps
 * working in memory and says that progress cannot be saved.
 */
import { dayKey, fromLeitner, isCard } from "./schedule.js";

export const KEY = "ml-interview-guide:progress:v1";
export const FORMAT = "ml-interview-guide-progress";
// Version 1 held Leitner boxes; version 2 holds FSRS cards and reviews per day.
export const VERSION = 2;

/** Cards and the per-day review log from any saved or exported shape, old ones migrated. */
export function normalize(data) {
  const cards = {};
  const days = {};
  if (!data || typeof data !== "object" || !data.cards || typeof data.cards !== "object") {
    return null;
  }
  const leitner = (data.version || 1) < 2;
  Object.keys(data.cards).forEach((id) => {
    const card = leitner ? fromLeitner(data.cards[id]) : data.cards[id];
    if (isCard(card)) cards[id] = card;
  });
  if (data.days && typeof data.days === "object") {
    Object.keys(data.days).forEach((day) => {
      if (/^\d{4}-\d{2}-\d{2}$/.test(day) && Number(data.days[day]) > 0) days[day] = Number(data.days[day]);
    });
  }
  return { version: VERSION, cards, days };
}

function storage() {
  // Reading the property itself throws where storage is blocked.
  return window.localStorage;
}

/**
 * The saved progress as a store: {state, status, save(), replace(), record()}.
 * status is "ok", "unavailable" (storage throws) or "corrupt" (unreadable data).
 */
export function openStore() {
  const store = {
    state: { version: VERSION, cards: {}, days: {} },
    status: "ok",
    listeners: [],
    onProblem(listener) {
      this.listeners.push(listener);
    },
    fail(status) {
      this.status = status;
      this.listeners.forEach((listener) => listener(status));
    },
    save() {
      try {
        storage().setItem(KEY, JSON.stringify(this.state));
        return true;
      } catch (error) {
        this.fail("unavailable");
        return false;
      }
    },
    /** A graded review: the new card and one more review today. */
    record(id, card, now) {
      this.state.cards[id] = card;
      const day = dayKey(now);
      this.state.days[day] = (this.state.days[day] || 0) + 1;
      return this.save();
    },
    replace(state) {
      this.state = state;
      return this.save();
    },
  };
  let raw = null;
  try {
    raw = storage().getItem(KEY);
  } catch (error) {
    store.status = "unavailable";
    return store;
  }
  if (raw === null) return store;
  let parsed = null;
  try {
    parsed = normalize(JSON.parse(raw));
  } catch (error) {
    parsed = null;
  }
  if (!parsed) {
    store.status = "corrupt";
    return store;
  }
  store.state = parsed;
  // Old Leitner progress is rewritten once as FSRS cards, on the first page that reads it.
  if (JSON.parse(raw).version !== VERSION) store.save();
  return store;
}

/** A small key/value slot beside the progress (the running mock interview). */
export function slot(key) {
  return {
    read() {
      try {
        return JSON.parse(storage().getItem(key) || "null");
      } catch (error) {
        return null;
      }
    },
    write(value) {
      try {
        storage().setItem(key, JSON.stringify(value));
        return true;
      } catch (error) {
        return false;
      }
    },
    clear() {
      try {
        storage().removeItem(key);
      } catch (error) {
        /* nothing was saved, nothing to clear */
      }
    },
  };
}

/** The export file's content. */
export function exportPayload(state, now) {
  return { format: FORMAT, version: VERSION, exported: new Date(now).toISOString(), cards: state.cards, days: state.days };
}

/** An export file's text as state; old (Leitner) exports are migrated. Throws with a reason. */
export function parseExport(text) {
  let data = null;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error("the file is not JSON");
  }
  if (!data || data.format !== FORMAT) throw new Error("this is not an exported progress file");
  const state = normalize(data);
  if (!state) throw new Error("the file holds no cards");
  return state;
}
