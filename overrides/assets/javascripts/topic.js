/* Topic and question pages: "Know it" / "Review again" marks, counts, filters. */
import { isKnown, needsReview, review } from "./schedule.js";

function idsOf(element) {
  return (element.getAttribute("data-ids") || "").split(/\s+/).filter(Boolean);
}

/** "N of M known" wherever a page lists a topic's ids (topic pages, home cards). */
export function updateCounts(store) {
  document.querySelectorAll(".qb-progress-count[data-ids]").forEach((element) => {
    const ids = idsOf(element);
    const known = ids.filter((id) => isKnown(store.state.cards[id])).length;
    element.textContent = known + " of " + ids.length + " known";
    element.hidden = false;
  });
}

function markHeading(store, id) {
  // The heading of the question on a topic page, or the title on its own page.
  const heading = document.getElementById(id) || document.querySelector(".qb-question-title");
  if (!heading) return;
  const card = store.state.cards[id];
  heading.classList.toggle("qb-known", isKnown(card));
  heading.classList.toggle("qb-review", needsReview(card));
}

// A question is its heading plus everything up to the next question heading.
function questionBlocks() {
  return Array.from(document.querySelectorAll("h2.qb-question"), (heading) => {
    const parts = [heading];
    let next = heading.nextElementSibling;
    while (next && !next.matches("h2.qb-question")) {
      parts.push(next);
      next = next.nextElementSibling;
    }
    return { id: heading.id, difficulty: heading.getAttribute("data-difficulty"), parts };
  });
}

function applyFilters(store) {
  const bar = document.querySelector(".qb-filters");
  if (!bar) return;
  const level = bar.getAttribute("data-level") || "all";
  const unknownOnly = bar.querySelector(".qb-filter-unknown").checked;
  const blocks = questionBlocks();
  let shown = 0;
  blocks.forEach((block) => {
    const visible =
      (level === "all" || block.difficulty === level) && !(unknownOnly && isKnown(store.state.cards[block.id]));
    if (visible) shown += 1;
    block.parts.forEach((part) => {
      part.hidden = !visible;
    });
  });
  bar.querySelector(".qb-filters__status").textContent =
    shown === blocks.length ? "" : "Showing " + shown + " of " + blocks.length;
}

/** The two buttons under one question: "Know it" grades easy, "Review again" grades again. */
export function mountActions(actions, store) {
  const id = actions.getAttribute("data-qid");
  const known = actions.querySelector('[data-action="known"]');
  const again = actions.querySelector('[data-action="review"]');
  function refresh() {
    const card = store.state.cards[id];
    known.setAttribute("aria-pressed", String(isKnown(card)));
    again.setAttribute("aria-pressed", String(needsReview(card)));
    markHeading(store, id);
  }
  function grade(verdict) {
    const now = Date.now();
    store.record(id, review(store.state.cards[id], verdict, now), now);
    refresh();
    updateCounts(store);
    applyFilters(store);
  }
  known.addEventListener("click", () => grade("easy"));
  again.addEventListener("click", () => grade("again"));
  actions.classList.remove("qb-pending");
  refresh();
}

export function mountFilters(bar, store) {
  bar.querySelectorAll(".qb-filter").forEach((button) => {
    button.addEventListener("click", () => {
      bar.setAttribute("data-level", button.getAttribute("data-filter"));
      bar.querySelectorAll(".qb-filter").forEach((other) => {
        other.setAttribute("aria-pressed", String(other === button));
      });
      applyFilters(store);
    });
  });
  bar.querySelector(".qb-filter-unknown").addEventListener("change", () => applyFilters(store));
  bar.classList.remove("qb-pending");
}
