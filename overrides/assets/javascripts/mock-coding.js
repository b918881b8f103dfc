/* The mock interview's coding round: exercises against the clock, in the runner, graded into the schedule.
 *
 * Each exercise is the one on its question's page (fetched and mounted with
 * exercise.js), so the round runs exactly what the pages run. A Submit grades
 * the card there; an exercise left without a passing Submit counts as
 * "again" when the round ends. The round lives in its own localStorage slot,
 * so a reload comes back to the same exercise with the clock running.
 */
import { fetchExerciseIndex } from "./exercise-progress.js";
import { fetchSection, mountExercise } from "./exercise.js";
import { releaseRunner } from "./runner.js";
import { fetchQuestions, siteRoot } from "./fetches.js";
import { review, weakFirst } from "./schedule.js";
import { slot } from "./storage.js";

export const MOCK_CODING_KEY = "ml-interview-guide:mock-coding:v1";
const MINUTE = 60 * 1000;

function clock(ms) {
  const seconds = Math.max(0, Math.round(ms / 1000));
  return Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
}

function element(name, className, text) {
  const made = document.createElement(name);
  if (className) made.className = className;
  if (text !== undefined) made.textContent = text;
  return made;
}

/** The exercises for a round: weakest first (schedule.js), then never seen. */
export function pickExercises(questions, withExercise, cards, now, count) {
  const pool = questions.filter((q) => withExercise.has(q.id));
  return weakFirst(pool, cards, now).slice(0, count);
}

export function mountMockCoding(container, store) {
  const saved = slot(MOCK_CODING_KEY);
  const setup = container.querySelector(".qb-mock-coding__setup");
  const status = container.querySelector(".qb-mock-coding__status");
  const run = container.querySelector(".qb-mock-coding__run");
  const holder = run.querySelector(".qb-mock-coding__exercise");
  const summary = container.querySelector(".qb-mock-coding__summary");
  const minutes = JSON.parse(container.getAttribute("data-minutes"));
  const root = siteRoot();
  let byId = new Map();
  let withExercise = new Set();
  let round = null;
  let timer = null;
  let tool = null;

  const persist = () => saved.write(round);
  const currentId = () => round.ids[round.index];
  const resultOf = (id) => round.results[id] || (round.results[id] = { solved: false, submitted: false, ms: 0 });

  function tick() {
    if (!round || round.finished) return;
    const left = round.endsAt - Date.now();
    run.querySelector(".qb-mock-coding__remaining").textContent = clock(left);
    run.querySelector(".qb-mock-coding__timeup").hidden = left > 0;
    run.classList.toggle("qb-mock-coding__run--overtime", left <= 0);
  }

  function unmount() {
    if (tool && tool.cleanup) tool.cleanup();
    tool = null;
    holder.textContent = "";
  }

  async function showExercise() {
    unmount();
    const question = byId.get(currentId());
    setup.hidden = true;
    summary.hidden = true;
    run.hidden = false;
    run.querySelector(".qb-mock-coding__meta").textContent =
      "Exercise " + (round.index + 1) + " of " + round.ids.length + " · " + question.topic_title + " · " + question.difficulty;
    const title = run.querySelector(".qb-mock-coding__question");
    title.textContent = question.question;
    run.querySelector(".qb-mock-coding__next").hidden = round.index + 1 >= round.ids.length;
    tick();
    if (!timer) timer = window.setInterval(tick, 1000);
    title.focus();
    try {
      const section = await fetchSection(new URL(question.url.split("#")[0], root).href, question.id);
      holder.appendChild(section);
      tool = mountExercise(section, store, {
        keepRunner: true,
        onSubmit(outcome) {
          const result = resultOf(outcome.id);
          result.submitted = true;
          result.solved = result.solved || outcome.passed;
          result.ms = Date.now() - round.exerciseStartedAt;
          persist();
        },
      });
    } catch (error) {
      holder.appendChild(element("p", "qb-fetch-error", "Could not load the exercise (" + error.message + "). Go on to the next one."));
    }
  }

  function start() {
    const count = Number(setup.elements.count.value);
    const chosen = pickExercises(Array.from(byId.values()), withExercise, store.state.cards, Date.now(), count);
    if (!chosen.length) {
      status.textContent = "No exercises to choose from.";
      return;
    }
    const now = Date.now();
    const total = chosen.reduce((sum, q) => sum + (minutes[q.difficulty] || 15) * MINUTE, 0);
    round = { version: 1, ids: chosen.map((q) => q.id), index: 0, startedAt: now, endsAt: now + total, exerciseStartedAt: now, results: {}, finished: false };
    persist();
    showExercise();
  }

  function next() {
    if (!round || round.index + 1 >= round.ids.length) return;
    round.index += 1;
    round.exerciseStartedAt = Date.now();
    persist();
    showExercise();
  }

  function finish() {
    if (!round) return;
    unmount();
    // What was never solved counts as "again", once, unless a Submit already graded it.
    const now = Date.now();
    round.ids.forEach((id) => {
      const result = resultOf(id);
      if (!result.solved && !result.submitted && !round.finished) store.record(id, review(store.state.cards[id], "again", now), now);
    });
    round.finished = true;
    round.endedAt = round.endedAt || now;
    persist();
    showSummary();
  }

  function showSummary() {
    window.clearInterval(timer);
    timer = null;
    run.hidden = true;
    setup.hidden = true;
    const body = summary.querySelector(".qb-mock-coding__summary-body");
    body.textContent = "";
    const solved = round.ids.filter((id) => resultOf(id).solved).length;
    body.appendChild(element("p", "qb-mock-coding__totals", solved + " of " + round.ids.length + " exercises solved in " + clock(round.endedAt - round.startedAt) + "."));
    const table = document.createElement("table");
    const head = table.createTHead().insertRow();
    ["#", "Exercise", "Result"].forEach((label) => head.appendChild(element("th", "", label)));
    const rows = table.createTBody();
    round.ids.forEach((id, index) => {
      const q = byId.get(id);
      const result = resultOf(id);
      const row = rows.insertRow();
      row.setAttribute("data-qid", id);
      row.setAttribute("data-solved", String(result.solved));
      row.insertCell().textContent = String(index + 1);
      const link = element("a", "", q ? q.question : id);
      if (q) link.href = new URL(q.url, root).href;
      row.insertCell().appendChild(link);
      row.insertCell().textContent = result.solved ? "Solved in " + clock(result.ms) : result.submitted ? "Tests failed" : "Not submitted";
    });
    body.appendChild(table);
    summary.hidden = false;
    summary.querySelector("h3").focus();
  }

  function showSetup() {
    summary.hidden = true;
    run.hidden = true;
    setup.hidden = false;
  }

  Promise.all([fetchQuestions(container), fetchExerciseIndex(new URL(container.getAttribute("data-exercises"), window.location.href).href)])
    .then(([questions, index]) => {
      byId = new Map(questions.map((q) => [q.id, q]));
      withExercise = new Set(index.map((entry) => entry.id).filter((id) => byId.has(id)));
      setup.addEventListener("submit", (event) => {
        event.preventDefault();
        start();
      });
      run.querySelector(".qb-mock-coding__next").addEventListener("click", next);
      run.querySelector(".qb-mock-coding__end").addEventListener("click", finish);
      summary.querySelector(".qb-mock-coding__again").addEventListener("click", () => {
        saved.clear();
        round = null;
        showSetup();
        setup.querySelector("button[type=submit]").focus();
      });
      const previous = saved.read();
      if (previous && previous.version === 1 && Array.isArray(previous.ids) && previous.ids.every((id) => byId.has(id))) {
        round = previous;
        if (round.finished) showSummary();
        else showExercise();
      } else {
        showSetup();
      }
    })
    .catch((error) => {
      status.textContent = "Could not load the exercises (" + error.message + "). Reload the page to try again.";
      setup.hidden = false;
    });

  return {
    cleanup() {
      window.clearInterval(timer);
      timer = null;
      unmount();
      releaseRunner();
    },
  };
}
