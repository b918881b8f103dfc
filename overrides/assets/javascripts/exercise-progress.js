/* Solved exercises per topic on the Progress page, beside each topic's known count. */
import { exerciseStore, solvedByTopic } from "./exercise-store.js";

const indexes = new Map();

/** The exercise index (which questions have an exercise, by topic), fetched once a visit. */
export function fetchExerciseIndex(url) {
  if (!indexes.has(url)) {
    const promise = fetch(url).then((response) => {
      if (!response.ok) throw new Error(response.status + " " + (response.statusText || "error"));
      return response.json().then((data) => data.exercises);
    });
    indexes.set(url, promise);
    promise.catch(() => indexes.delete(url));
  }
  return indexes.get(url);
}

/** Add "n of m exercises solved" to the page's topic bars and a total line; quiet if there are no exercises. */
export function showSolved(container) {
  const source = container.getAttribute("data-exercises");
  if (!source) return Promise.resolve(null);
  return fetchExerciseIndex(new URL(source, window.location.href).href)
    .then((index) => {
      const counts = solvedByTopic(index, exerciseStore().solved());
      let solved = 0;
      Object.keys(counts).forEach((topic) => {
        solved += counts[topic].solved;
        const item = container.querySelector('.qb-topic-bars li[data-topic="' + CSS.escape(topic) + '"] .qb-topic-bars__count');
        if (!item) return;
        let note = item.querySelector(".qb-topic-bars__exercises");
        if (!note) {
          note = document.createElement("span");
          note.className = "qb-topic-bars__exercises";
          item.appendChild(note);
        }
        note.textContent = " · " + counts[topic].solved + " of " + counts[topic].total + " exercises solved";
      });
      const total = container.querySelector(".qb-progress-total");
      if (total && !total.querySelector(".qb-exercises-total")) {
        const line = document.createElement("span");
        line.className = "qb-exercises-total";
        total.appendChild(line);
      }
      if (total) total.querySelector(".qb-exercises-total").textContent = " " + solved + " of " + index.length + " coding exercises solved.";
      return counts;
    })
    .catch(() => null);
}
