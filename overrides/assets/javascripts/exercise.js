/* A coding exercise on its question's pages: editor, Run examples, Submit, hints, solution.
 *
 * Loaded only on pages that have an exercise (main.js imports it on demand);
 * the editor bundle loads when an exercise mounts and Python (runner.js) on
 * the first run. The reader's code is saved per question id as they type;
 * a Submit grades the question's FSRS card (exercise-store.js says how).
 */
import { exerciseStore, submitGrade } from "./exercise-store.js";
import { releaseRunner, sharedRunner } from "./runner.js";
import { review } from "./schedule.js";
import { updateCounts } from "./topic.js";

const WORKER = new URL("./runner-worker.js", import.meta.url);
const SAVE_DELAY_MS = 300;

function element(name, className, text) {
  const made = document.createElement(name);
  if (className) made.className = className;
  if (text !== undefined) made.textContent = text;
  return made;
}

function plural(n, word) {
  return n + " " + word + (n === 1 ? "" : "s");
}

let exerciseData = new Map();

/** The exercise's JSON (starter, entry, tolerance, tests), fetched once a visit. */
export function fetchExercise(url) {
  if (!exerciseData.has(url)) {
    const promise = fetch(url).then((response) => {
      if (!response.ok) throw new Error(response.status + " " + (response.statusText || "error"));
      return response.json();
    });
    exerciseData.set(url, promise);
    promise.catch(() => exerciseData.delete(url));
  }
  return exerciseData.get(url);
}

/** A question page's exercise section, ready to mount on this page (its links made absolute). */
export async function fetchSection(pageUrl, id) {
  const response = await fetch(pageUrl);
  if (!response.ok) throw new Error(response.status + " " + (response.statusText || "error"));
  const doc = new DOMParser().parseFromString(await response.text(), "text/html");
  const found = doc.querySelector('.qb-exercise[data-qid="' + CSS.escape(id) + '"]:not(.qb-exercise--stub)');
  if (!found) throw new Error("the exercise is not on its page");
  const section = document.importNode(found, true);
  section.setAttribute("data-exercise", new URL(found.getAttribute("data-exercise"), pageUrl).href);
  section.querySelectorAll("a[href]").forEach((link) => (link.href = new URL(link.getAttribute("href"), pageUrl).href));
  section.querySelectorAll("img[src]").forEach((image) => (image.src = new URL(image.getAttribute("src"), pageUrl).href));
  return section;
}

/** A topic page's stub: a button that brings the whole exercise in from the question's page. */
function mountStub(stub, store, options) {
  const load = stub.querySelector('[data-do="load"]');
  let tool = null;
  const label = load.textContent;
  load.classList.remove("qb-pending");
  load.addEventListener("click", async () => {
    load.disabled = true;
    load.textContent = "Loading…";
    try {
      const section = await fetchSection(new URL(stub.getAttribute("data-page"), window.location.href).href, stub.getAttribute("data-qid"));
      stub.replaceWith(section);
      tool = mountExercise(section, store, options);
      const title = section.querySelector(".qb-exercise__title");
      title.setAttribute("tabindex", "-1");
      title.focus();
    } catch (error) {
      load.disabled = false;
      load.textContent = label;
      const message = stub.querySelector(".qb-fetch-error") || stub.appendChild(document.createElement("p"));
      message.className = "qb-fetch-error";
      message.setAttribute("role", "alert");
      message.textContent = "Could not load the exercise (" + error.message + "). Try again, or open the question's page.";
    }
  });
  return {
    cleanup() {
      if (tool) tool.cleanup();
    },
  };
}

function resultItem(result) {
  const item = element("li", "qb-result qb-result--" + (result.passed ? "pass" : "fail"));
  const head = element("p", "qb-result__head");
  head.appendChild(element("strong", "qb-result__mark", result.passed ? "Passed" : "Failed"));
  if (result.name) head.appendChild(document.createTextNode(" " + result.name));
  item.appendChild(head);
  const facts = element("dl", "qb-result__facts");
  [["Call", result.call], ["Expected", result.expected], ["Got", result.got]].forEach(([label, value]) => {
    facts.appendChild(element("dt", "", label));
    const dd = element("dd");
    dd.appendChild(element("code", "", value));
    facts.appendChild(dd);
  });
  item.appendChild(facts);
  if (result.error) item.appendChild(element("pre", "qb-result__error", result.error));
  if (result.output) {
    item.appendChild(element("p", "qb-result__label", "Printed"));
    item.appendChild(element("pre", "qb-result__output", result.output));
  }
  return item;
}

/** Show one run's outcome in box; returns {passed, total, all}. */
export function showResults(box, outcome) {
  box.textContent = "";
  if (outcome.error) {
    box.appendChild(element("p", "qb-result__label", "Your code did not run:"));
    box.appendChild(element("pre", "qb-result__error", outcome.error));
    if (outcome.output) box.appendChild(element("pre", "qb-result__output", outcome.output));
    return { passed: 0, total: 0, all: false };
  }
  const list = element("ol", "qb-results");
  outcome.results.forEach((result) => list.appendChild(resultItem(result)));
  box.appendChild(list);
  const passed = outcome.results.filter((r) => r.passed).length;
  return { passed, total: outcome.results.length, all: passed === outcome.results.length && passed > 0 };
}

export function mountExercise(section, store, options = {}) {
  if (section.classList.contains("qb-exercise--stub")) return mountStub(section, store, options);
  const id = section.getAttribute("data-qid");
  const url = new URL(section.getAttribute("data-exercise"), window.location.href).href;
  const saved = exerciseStore();
  const controls = section.querySelector(".qb-exercise__controls");
  const status = section.querySelector(".qb-exercise__status");
  const results = section.querySelector(".qb-exercise__results");
  const codeBox = section.querySelector(".qb-exercise__code");
  const hints = Array.from(section.querySelectorAll(".qb-exercise__hints li"));
  const solution = section.querySelector(".qb-exercise__solution");
  const button = (name) => controls.querySelector('[data-do="' + name + '"]');
  const runner = sharedRunner(WORKER);
  let editor = null;
  let data = null;
  let saveTimer = null;
  let hintsShown = 0;
  let sawSolution = false;
  // One grade per outcome a visit: retrying a failing Submit does not pile up "again" reviews.
  const graded = new Set();

  function say(text) {
    status.textContent = text;
  }

  function busy(running) {
    ["examples", "submit", "reset"].forEach((name) => (button(name).disabled = running));
    button("stop").disabled = !running;
    section.classList.toggle("qb-exercise--running", running);
  }

  function grade(passed) {
    const name = submitGrade({ passed, hints: hintsShown, sawSolution });
    if (graded.has(name)) return name;
    graded.add(name);
    const now = Date.now();
    store.record(id, review(store.state.cards[id], name, now), now);
    updateCounts(store);
    return name;
  }

  async function run(kind) {
    if (!editor || !data || runner.busy) return;
    // The tests stay JSON text (runner_assets.py) until Python reads them.
    const tests = kind === "submit" ? data.submit : data.examples;
    const what = kind === "submit" ? "tests" : "examples";
    // A keyboard user's focus would be lost on the disabled button: it waits on Stop, and comes back.
    const from = document.activeElement;
    busy(true);
    if (controls.contains(from)) button("stop").focus();
    results.textContent = "";
    say(runner.ready ? "Running the " + what + "…" : "Starting Python (the first run takes a few seconds)…");
    const outcome = await runner.run(
      { source: editor.get(), entry: data.entry, tests, tolerance: data.tolerance },
      { onStart: () => say("Running the " + what + "…") },
    );
    busy(false);
    if (controls.contains(from) && (document.activeElement === button("stop") || document.activeElement === document.body)) {
      from.focus();
    }
    if (outcome.status === "timeout") {
      say("Stopped: the code ran longer than " + runner.limit / 1000 + " s (an endless loop?). Python restarts for the next run.");
    } else if (outcome.status === "stopped") {
      say("Stopped. Python restarts for the next run.");
    } else if (outcome.status === "failed") {
      say("The runner failed: " + outcome.message + ". Try again.");
    } else {
      const shown = showResults(results, outcome.result);
      if (outcome.result.error) say("Your code did not run: see the error below.");
      else say(shown.passed + " of " + plural(shown.total, kind === "submit" ? "test" : "example") + " pass" + (shown.total === 1 && shown.passed === 1 ? "es" : "") + (shown.all ? "." : ": see the failures below."));
      if (kind === "submit") {
        const name = grade(shown.all);
        if (shown.all) {
          saved.markSolved(id, Date.now());
          section.classList.add("qb-exercise--solved");
          say("All " + plural(shown.total, "test") + " pass: solved. Counted as “" + name + "” in your review schedule.");
        }
        if (options.onSubmit) options.onSubmit({ id, passed: shown.all, grade: name });
      }
    }
    return outcome;
  }

  function showHint() {
    if (hintsShown >= hints.length) return;
    hints[hintsShown].hidden = false;
    hintsShown += 1;
    const hint = button("hint");
    hint.textContent = hintsShown < hints.length ? "Show another hint (" + hintsShown + " of " + hints.length + " shown)" : "All hints shown";
    // The hint takes the focus, so it is read out; the button stays next in the tab order.
    hints[hintsShown - 1].focus();
    hint.disabled = hintsShown >= hints.length;
  }

  function toggleSolution() {
    const show = solution.hidden;
    solution.hidden = !show;
    sawSolution = sawSolution || show;
    const toggle = button("solution");
    toggle.setAttribute("aria-expanded", String(show));
    toggle.textContent = show ? "Hide the solution" : "Show the solution";
  }

  function reset() {
    if (!editor || !data) return;
    editor.set(data.starter);
    saved.clearCode(id);
    results.textContent = "";
    say("Back to the starter code (undo with Ctrl+Z).");
    editor.focus();
  }

  function flush() {
    window.clearTimeout(saveTimer);
    saveTimer = null;
    if (!editor || !data) return;
    const text = editor.get();
    if (text === data.starter) saved.clearCode(id);
    else saved.saveCode(id, text);
  }

  function saveSoon() {
    window.clearTimeout(saveTimer);
    saveTimer = window.setTimeout(flush, SAVE_DELAY_MS);
  }

  const listeners = [
    ["examples", () => run("examples")],
    ["submit", () => run("submit")],
    ["stop", () => runner.stop()],
    ["hint", showHint],
    ["solution", toggleSolution],
    ["reset", reset],
  ];

  Promise.all([fetchExercise(url), import("./vendor/editor.js")])
    .then(([exercise, editorModule]) => {
      data = exercise;
      codeBox.textContent = "";
      codeBox.classList.add("qb-exercise__code--editor");
      editor = editorModule.createEditor(codeBox, saved.code(id) ?? data.starter, {
        label: "Your code for this exercise",
        onChange: saveSoon,
      });
      listeners.forEach(([name, handler]) => button(name).addEventListener("click", handler));
      // A reload within the save delay must not lose the last keystrokes.
      window.addEventListener("pagehide", flush);
      button("hint").disabled = hints.length === 0;
      if (saved.solved()[id]) section.classList.add("qb-exercise--solved");
      section.querySelector(".qb-exercise__help").hidden = false;
      controls.hidden = false;
      section.setAttribute("data-ready", "true");
    })
    .catch((error) => say("The exercise could not load (" + error.message + "). Reload the page to try again."));

  return {
    run,
    editor: () => editor,
    cleanup() {
      window.removeEventListener("pagehide", flush);
      if (saveTimer) flush();
      if (editor) editor.destroy();
      // The mock's coding round keeps Python warm from one exercise to the next.
      if (!options.keepRunner) releaseRunner();
    },
  };
}
