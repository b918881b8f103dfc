/* Entry point: mounts each study tool on the page elements that ask for it.
 *
 * Material's instant navigation swaps pages without reloading, so mounting
 * runs again for every page through its document$ observable; this module
 * itself is loaded once, so the keyboard listener is added once and passes
 * keys to whatever the current page mounted.
 */
import { mountDesign } from "./design-round.js";
import { mountMock } from "./mock.js";
import { mountPractice } from "./practice.js";
import { mountProgress } from "./progress.js";
import { mountRubric } from "./rubric.js";
import { openStore } from "./storage.js";
import { patchTheme } from "./theme.js";
import "./search-intent.js";
import { mountActions, mountFilters, updateCounts } from "./topic.js";

const MOUNTS = [
  ["[data-qb-practice]", mountPractice],
  ["[data-qb-progress]", mountProgress],
  ["[data-qb-mock]", mountMock],
  [".qb-actions[data-qid]", mountActions],
  [".qb-filters", mountFilters],
  ["[data-qb-rubric]", mountRubric],
  ["[data-qb-design]", mountDesign],
];

// Tools loaded only on the pages that have them: the exercise runner and
// its editor are large, and a page without an exercise must not pay for them.
const LAZY = [
  ["[data-qb-exercise]", () => import("./exercise.js"), "mountExercise"],
  ["[data-qb-mock-coding]", () => import("./mock-coding.js"), "mountMockCoding"],
];

const NOTICES = {
  unavailable: "Progress cannot be saved in this browser (storage is blocked or full). The study tools still work, but what you mark is forgotten when you leave the page.",
  corrupt: "The progress saved in this browser could not be read, so it is ignored. What you mark from now on is saved in its place.",
};

let mounted = [];
// Which page a lazy mount belongs to: one that arrives after the reader moved on is dropped.
let generation = 0;

function mountLater(elements, load, name, store) {
  const page = generation;
  load().then((module) => {
    if (page !== generation) return;
    elements.forEach((element) => mounted.push(module[name](element, store)));
  });
}

function notice(status) {
  const text = NOTICES[status];
  const article = document.querySelector(".md-content__inner");
  if (!text || !article) return;
  let box = article.querySelector(".qb-storage-notice");
  if (!box) {
    box = document.createElement("div");
    box.className = "admonition warning qb-storage-notice";
    box.setAttribute("role", "status");
    const title = document.createElement("p");
    title.className = "admonition-title";
    title.textContent = "Progress is not saved";
    box.append(title, document.createElement("p"));
    const heading = article.querySelector("h1");
    article.insertBefore(box, heading ? heading.nextSibling : article.firstChild);
  }
  box.setAttribute("data-status", status);
  box.lastChild.textContent = text;
}

function mountPage() {
  mounted.forEach((tool) => tool && tool.cleanup && tool.cleanup());
  mounted = [];
  generation += 1;
  patchTheme();
  // Read again on every page: another tab may have saved progress meanwhile.
  const store = openStore();
  let used = document.querySelector(".qb-progress-count[data-ids]") !== null;
  MOUNTS.forEach(([selector, mount]) => {
    document.querySelectorAll(selector).forEach((element) => {
      used = true;
      mounted.push(mount(element, store));
    });
  });
  LAZY.forEach(([selector, load, name]) => {
    const elements = Array.from(document.querySelectorAll(selector));
    if (!elements.length) return;
    used = true;
    mountLater(elements, load, name, store);
  });
  updateCounts(store);
  if (used) {
    store.onProblem(notice);
    if (store.status !== "ok") notice(store.status);
  }
}

document.addEventListener("keydown", (event) => {
  mounted.forEach((tool) => tool && tool.keys && tool.keys(event));
});

if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(mountPage);
} else {
  mountPage();
}
