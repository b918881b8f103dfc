/* Entry point: mounts each study tool on the page elements that ask for it.
 *
 * Material's instant navigation swaps pages without reloading, so mounting
 * runs again for every page through its document$ observable; this module
 * itself is loaded once, so the keyboard listener is added once and passes
 * keys to whatever the current page mounted. The study pages' own tools are
 * imported when a page has one (tests/pageweight.py counts them for those pages).
 */
import { openStore } from "./storage.js";
import { patchTheme } from "./theme.js";
import "./search-intent.js";
import { mountActions, mountFilters, updateCounts } from "./topic.js";

const MOUNTS = [
  [".qb-actions[data-qid]", mountActions],
  [".qb-filters", mountFilters],
];
// Tools loaded only on the pages that have them: the exercise runner and
// its editor are large, and a page without an exercise must not pay for them;
// each study page's own tool is for that page alone.
const LAZY = [
  ["[data-qb-practice]", () => import("./practice.js"), "mountPractice"],
  ["[data-qb-progress]", () => import("./progress.js"), "mountProgress"],
  ["[data-qb-mock]", () => import("./mock.js"), "mountMock"],
  ["[data-qb-rubric]", () => import("./rubric.js"), "mountRubric"],
  ["[data-qb-design]", () => import("./design-round.js"), "mountDesign"],
  ["[data-qb-exercise]", () => import("./exercise.js"), "mountExercise"],
  ["[data-qb-mock-coding]", () => import("./mock-coding.js"), "mountMockCoding"],
  ["[data-qb-answer]", () => import("./topic-answers.js"), "mountAnswer"],
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

/** Mount the tools inside root; whether there were any. */
function mountIn(root, store) {
  let used = false;
  MOUNTS.forEach(([selector, mount]) => {
    root.querySelectorAll(selector).forEach((element) => {
      used = true;
      mounted.push(mount(element, store));
    });
  });
  LAZY.forEach(([selector, load, name]) => {
    const elements = Array.from(root.querySelectorAll(selector));
    if (!elements.length) return;
    used = true;
    mountLater(elements, load, name, store);
  });
  return used;
}

let pageStore = null;

function mountPage() {
  mounted.forEach((tool) => tool && tool.cleanup && tool.cleanup());
  mounted = [];
  generation += 1;
  patchTheme();
  // Read again on every page: another tab may have saved progress meanwhile.
  const store = openStore();
  pageStore = store;
  const used = mountIn(document, store) || document.querySelector(".qb-progress-count[data-ids]") !== null;
  updateCounts(store);
  if (used) {
    store.onProblem(notice);
    if (store.status !== "ok") notice(store.status);
  }
}

// Content a tool brought into the page (a topic page's answer) may hold tools of its own.
document.addEventListener("qb:content", (event) => {
  if (pageStore && event.target instanceof Element) mountIn(event.target, pageStore);
});

document.addEventListener("keydown", (event) => {
  mounted.forEach((tool) => tool && tool.keys && tool.keys(event));
});

if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(mountPage);
} else {
  mountPage();
}
