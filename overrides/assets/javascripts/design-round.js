/* The design round: a case study in timed phases, notes per phase, then the notes beside the
 * reference answer, a rubric to grade them, and a summary that feeds the case's schedule.
 *
 * The round lives in its own localStorage slot (notes, ticks and the times
 * the reader moved on), so a reload comes back to the same phase with the
 * clock still running. Every time comes from `now`, which a test may pass;
 * the browser tests drive Date itself. The cases' sections and rubrics are
 * <template>s on the page, cloned here: no HTML is parsed.
 */
import { RED_FLAGS, gradeFor, setTick, totalScore, weakestSections, sectionScores } from "./grading.js";
import { formatClock, phaseAt, pickCase } from "./design-clock.js";
import { saveTicks, showScores } from "./rubric.js";
import { formatInterval, review as reviewCard } from "./schedule.js";
import { slot } from "./storage.js";
import { updateCounts } from "./topic.js";

export const DESIGN_KEY = "ml-interview-guide:design:v1";
const WEAKEST = 3;

function element(name, className, text) {
  const made = document.createElement(name);
  if (className) made.className = className;
  if (text !== undefined) made.textContent = text;
  return made;
}

/** The saved rounds: {version, history: {case id: [results]}, round: the current round or null}. */
export function readDesignState(raw) {
  if (raw && raw.version === 1 && raw.history && typeof raw.history === "object") {
    return { version: 1, history: raw.history, round: raw.round || null };
  }
  return { version: 1, history: {}, round: null };
}

export function mountDesign(container, store, options) {
  const now = (options && options.now) || (() => Date.now());
  const random = (options && options.random) || Math.random;
  const phases = JSON.parse(container.getAttribute("data-phases"));
  const grades = JSON.parse(container.getAttribute("data-grades"));
  const saved = slot(DESIGN_KEY);
  const setup = container.querySelector(".qb-design__setup");
  const status = container.querySelector(".qb-design__status");
  const run = container.querySelector(".qb-design__run");
  const reviewPart = container.querySelector(".qb-design__review");
  const summary = container.querySelector(".qb-design__summary");
  const notes = run.querySelector(".qb-design__notes");
  const nextButton = run.querySelector(".qb-design__next");
  const announce = run.querySelector(".qb-design__announce");
  const rows = reviewPart.querySelector(".qb-design__rows");
  const cases = new Map(
    Array.from(container.querySelectorAll("template.qb-design__case")).map((t) => [t.getAttribute("data-qid"), t])
  );
  let state = readDesignState(saved.read());
  let timer = null;
  let shown = -1;

  function persist() {
    saved.write(state);
  }

  function content(qid) {
    return cases.get(qid).content;
  }

  function sizesOf(qid) {
    const sizes = {};
    content(qid).querySelectorAll("ul.qb-design__signals").forEach((list) => {
      sizes[list.getAttribute("data-section")] = list.children.length;
    });
    return sizes;
  }

  function titleOf(qid, section) {
    const list = content(qid).querySelector('ul.qb-design__signals[data-section="' + section + '"]');
    return list ? list.getAttribute("data-title") : section;
  }

  function only(part) {
    [setup, run, reviewPart, summary].forEach((p) => {
      p.hidden = p !== part;
    });
  }

  function stopTimer() {
    window.clearInterval(timer);
    timer = null;
  }

  function position() {
    return phaseAt(phases, state.round.startedAt, state.round.movedOn, now());
  }

  function start(event) {
    event.preventDefault();
    let qid = setup.elements.case.value;
    if (qid === "random") qid = pickCase(Array.from(cases.keys()), state.history, random);
    if (!qid || !cases.has(qid)) {
      status.textContent = "That case study is not on this page.";
      return;
    }
    state.round = { qid, startedAt: now(), movedOn: {}, notes: {}, stage: "run", ticks: {} };
    persist();
    showRun(true);
  }

  function showPhase(index, focus) {
    const previous = shown;
    shown = index;
    const phase = phases[index];
    run.querySelector(".qb-design__phase-name").textContent = phase.title;
    run.querySelector(".qb-design__phase-title").textContent =
      "Phase " + (index + 1) + " of " + phases.length + ": " + phase.title;
    run.querySelector(".qb-design__prompt").textContent = phase.prompt;
    notes.value = state.round.notes[phase.key] || "";
    run.querySelectorAll(".qb-design__phases li").forEach((item, i) => {
      item.classList.toggle("qb-design__phase--done", i < index);
      item.classList.toggle("qb-design__phase--current", i === index);
      if (i === index) item.setAttribute("aria-current", "step");
      else item.removeAttribute("aria-current");
    });
    nextButton.textContent = index === phases.length - 1 ? "Finish and compare" : "Next phase";
    // A phase the clock ended is announced, not focused: the reader may be typing.
    announce.textContent = previous >= 0 && !focus ? "Time is up for " + phases[previous].title + ". Now: " + phase.title + "." : "";
    if (focus) notes.focus();
  }

  function tick() {
    if (!state.round || state.round.stage !== "run") return;
    const at = position();
    if (at.finished) {
      toReview();
      return;
    }
    if (at.index !== shown) showPhase(at.index, false);
    run.querySelector(".qb-design__phase-left").textContent = formatClock(at.left);
    run.querySelector(".qb-design__total-left").textContent = formatClock(at.totalLeft);
  }

  function showRun(focusTitle) {
    only(run);
    shown = -1;
    const at = position();
    run.querySelector(".qb-design__case-title").textContent = cases.get(state.round.qid).getAttribute("data-title");
    if (!at.finished) showPhase(at.index, false);
    announce.textContent = "";
    tick();
    if (!timer && state.round.stage === "run") timer = window.setInterval(tick, 1000);
    if (focusTitle && state.round.stage === "run") notes.focus();
  }

  function next() {
    if (!state.round || state.round.stage !== "run") return;
    const at = position();
    if (!at.finished) state.round.movedOn[at.index] = now();
    persist();
    if (at.finished || at.index === phases.length - 1) {
      toReview();
      return;
    }
    showPhase(at.index + 1, true);
    tick();
  }

  function toReview() {
    stopTimer();
    state.round.stage = "review";
    state.round.endedAt = state.round.endedAt || now();
    persist();
    showReview(true);
  }

  function checklist(qid, section) {
    const list = content(qid).querySelector('ul.qb-design__signals[data-section="' + section + '"]');
    const fieldset = element("fieldset", "qb-rubric__section" + (section === RED_FLAGS ? " qb-rubric__section--flags" : ""));
    fieldset.setAttribute("data-section", section);
    const legend = element("legend", "", titleOf(qid, section) + " ");
    const score = element("span", "qb-rubric__score");
    score.setAttribute("data-section", section);
    legend.appendChild(score);
    fieldset.appendChild(legend);
    const items = element("ul");
    const ticked = state.round.ticks[section] || [];
    Array.from(list ? list.children : []).forEach((signal, index) => {
      const box = element("input", "qb-rubric__tick");
      box.type = "checkbox";
      box.setAttribute("data-section", section);
      box.setAttribute("data-index", String(index));
      box.checked = ticked.indexOf(index) >= 0;
      const text = element("span");
      signal.childNodes.forEach((node) => text.appendChild(document.importNode(node, true)));
      const label = element("label");
      label.append(box, " ", text);
      const item = element("li");
      item.appendChild(label);
      items.appendChild(item);
    });
    fieldset.appendChild(items);
    return fieldset;
  }

  function caseLink(qid) {
    const template = cases.get(qid);
    const link = element("a", "", template.getAttribute("data-title"));
    link.href = template.getAttribute("data-url");
    return link;
  }

  function showReview(focus) {
    only(reviewPart);
    const qid = state.round.qid;
    const heading = reviewPart.querySelector(".qb-design__review-case");
    heading.textContent = "";
    heading.appendChild(caseLink(qid));
    rows.textContent = "";
    const total = element("p", "qb-rubric__total");
    total.setAttribute("aria-live", "polite");
    phases.forEach((phase, index) => {
      const row = element("section", "qb-design__row");
      row.setAttribute("data-phase", phase.key);
      row.appendChild(element("h3", "", index + 1 + ". " + phase.title));
      const columns = element("div", "qb-design__columns");
      const mine = element("div", "qb-design__mine");
      mine.appendChild(element("h4", "", "Your notes"));
      const written = (state.round.notes[phase.key] || "").trim();
      mine.appendChild(element("p", "qb-design__note-text" + (written ? "" : " qb-design__note-text--empty"), written || "No notes for this phase."));
      const reference = element("div", "qb-design__reference");
      reference.appendChild(element("h4", "", "Reference"));
      phase.sections.forEach((section) => {
        const part = content(qid).querySelector('.qb-design__reference-part[data-section="' + section + '"]');
        if (part) reference.appendChild(document.importNode(part, true));
      });
      columns.append(mine, reference);
      row.appendChild(columns);
      const grading = element("div", "qb-design__grading qb-rubric");
      phase.sections.forEach((section) => grading.appendChild(checklist(qid, section)));
      row.appendChild(grading);
      rows.appendChild(row);
    });
    const flags = element("section", "qb-design__row qb-rubric");
    flags.setAttribute("data-phase", RED_FLAGS);
    flags.appendChild(element("h3", "", "Red flags your notes raised"));
    flags.appendChild(checklist(qid, RED_FLAGS));
    rows.appendChild(flags);
    rows.appendChild(total);
    showScores(rows, sizesOf(qid), state.round.ticks);
    if (focus) reviewPart.querySelector("h2").focus();
  }

  function ticked(event) {
    const box = event.target;
    if (!state.round || !box.classList || !box.classList.contains("qb-rubric__tick")) return;
    const section = box.getAttribute("data-section");
    state.round.ticks = setTick(state.round.ticks, section, Number(box.getAttribute("data-index")), box.checked);
    persist();
    showScores(rows, sizesOf(state.round.qid), state.round.ticks);
  }

  function grade() {
    const round = state.round;
    const sizes = sizesOf(round.qid);
    const total = totalScore(sizes, round.ticks);
    if (!round.recorded) {
      const at = now();
      const grade = gradeFor(total.share, total.flags, grades);
      store.record(round.qid, reviewCard(store.state.cards[round.qid], grade, at), at);
      round.recorded = { at, grade };
      const result = { at, ticked: total.ticked, total: total.total, flags: total.flags, grade };
      state.history[round.qid] = (state.history[round.qid] || []).concat([result]);
      // The case page's checklist shows the latest graded attempt.
      saveTicks(round.qid, round.ticks);
    }
    round.stage = "summary";
    persist();
    showSummary(true);
  }

  function showSummary(focus) {
    stopTimer();
    only(summary);
    const round = state.round;
    const sizes = sizesOf(round.qid);
    const total = totalScore(sizes, round.ticks);
    const body = summary.querySelector(".qb-design__summary-body");
    body.textContent = "";
    const title = element("p", "qb-design__summary-case");
    title.appendChild(caseLink(round.qid));
    body.appendChild(title);
    const card = store.state.cards[round.qid];
    const grade = round.recorded ? round.recorded.grade : gradeFor(total.share, total.flags, grades);
    const due = card && round.recorded ? " The case is due again in " + formatInterval(card.due - round.recorded.at) + "." : "";
    body.appendChild(
      element(
        "p",
        "qb-design__score",
        "Score: " + total.ticked + " of " + total.total + " signals (" + Math.round(100 * total.share) + "%)" +
          (total.flags ? ", " + total.flags + " red flag" + (total.flags > 1 ? "s" : "") + " raised" : ", no red flags") +
          ". Counted as " + grade.charAt(0).toUpperCase() + grade.slice(1) + " in your schedule." + due
      )
    );
    body.appendChild(element("h3", "", "Weakest sections"));
    const weakest = weakestSections(sizes, round.ticks, WEAKEST);
    if (!weakest.length) {
      body.appendChild(element("p", "qb-design__no-weak", "None: every signal was met."));
    } else {
      const list = element("ol", "qb-design__weakest");
      weakest.forEach((score) => {
        const item = element("li", "", titleOf(round.qid, score.section) + ": " + score.ticked + " of " + score.total);
        item.setAttribute("data-section", score.section);
        list.appendChild(item);
      });
      body.appendChild(list);
    }
    body.appendChild(element("h3", "", "Every section"));
    // No class on the table: Material styles only tables without one.
    const table = document.createElement("table");
    const head = table.createTHead().insertRow();
    ["Section", "Signals met"].forEach((label) => head.appendChild(element("th", "", label)));
    const tbody = table.createTBody();
    sectionScores(sizes, round.ticks).forEach((score) => {
      const row = tbody.insertRow();
      row.setAttribute("data-section", score.section);
      row.insertCell().textContent = titleOf(round.qid, score.section);
      row.insertCell().textContent = score.ticked + " of " + score.total;
    });
    body.appendChild(table);
    if (focus) summary.querySelector("h2").focus();
    updateCounts(store);
  }

  function showSetup() {
    only(setup);
  }

  setup.addEventListener("submit", start);
  nextButton.addEventListener("click", next);
  run.querySelector(".qb-design__end").addEventListener("click", () => state.round && toReview());
  notes.addEventListener("input", () => {
    if (!state.round || state.round.stage !== "run" || shown < 0) return;
    state.round.notes[phases[shown].key] = notes.value;
    persist();
  });
  rows.addEventListener("change", ticked);
  reviewPart.querySelector(".qb-design__grade").addEventListener("click", grade);
  summary.querySelector(".qb-design__again").addEventListener("click", () => {
    state.round = null;
    persist();
    showSetup();
    setup.elements.case.focus();
  });

  // Back to a round left by a reload, if its case is still on the page.
  if (state.round && cases.has(state.round.qid)) {
    if (state.round.stage === "run") showRun(false);
    else if (state.round.stage === "review") showReview(false);
    else showSummary(false);
  } else {
    state.round = null;
    showSetup();
  }

  return {
    cleanup() {
      stopTimer();
    },
  };
}
