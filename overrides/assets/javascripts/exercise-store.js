/* The reader's exercise code and solved exercises, in one localStorage slot beside the progress.
 *
 * Keyed by question id like the progress, so code survives reloads and
 * re-ordered questions; the FSRS cards stay in the progress store (storage.js).
 */
import { slot } from "./storage.js";

export const EXERCISES_KEY = "ml-interview-guide:exercises:v1";

function read(saved) {
  const data = saved.read();
  const valid = data && typeof data === "object";
  return {
    code: valid && data.code && typeof data.code === "object" ? data.code : {},
    solved: valid && data.solved && typeof data.solved === "object" ? data.solved : {},
  };
}

/** {code(id), saveCode(id, text), clearCode(id), solved(), markSolved(id, now)}; fresh reads each call. */
export function exerciseStore(saved = slot(EXERCISES_KEY)) {
  return {
    code(id) {
      const text = read(saved).code[id];
      return typeof text === "string" ? text : null;
    },
    saveCode(id, text) {
      const data = read(saved);
      data.code[id] = text;
      return saved.write(data);
    },
    clearCode(id) {
      const data = read(saved);
      delete data.code[id];
      return saved.write(data);
    },
    solved() {
      return read(saved).solved;
    },
    markSolved(id, now) {
      const data = read(saved);
      if (!data.solved[id]) data.solved[id] = now;
      return saved.write(data);
    },
  };
}

/**
 * The grade a Submit gives the question's FSRS card: all tests pass on your
 * own -> good; with hints -> hard; after seeing the solution, or any failure -> again.
 */
export function submitGrade({ passed, hints, sawSolution }) {
  if (!passed || sawSolution) return "again";
  return hints > 0 ? "hard" : "good";
}

/** Solved exercises per topic: {topic: {solved, total}} from the exercise index. */
export function solvedByTopic(index, solved) {
  const out = {};
  index.forEach((entry) => {
    if (!out[entry.topic]) out[entry.topic] = { solved: 0, total: 0 };
    out[entry.topic].total += 1;
    if (solved[entry.id]) out[entry.topic].solved += 1;
  });
  return out;
}
