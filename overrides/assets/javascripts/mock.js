/* The mock interview: a timed run of questions answered out loud, self-rated into the schedule.
 *
 * The running interview lives in its own localStorage slot, so a reload (or
 * a visit elsewhere) mid-interview comes back to the same question with the
 * clock still running; it is cleared when the next interview starts.
 */
import { fetchQuestions, showAnswer, siteRoot } from "./fetches.js";
import { ignoredKey, spaceActivates } from "./keys.js";
import { review, weakFirst } from "./schedule.js";
import { slot } from "./storage.js";
import { updateCounts } from "./topic.js";

export const MOCK_KEY = "ml-interview-guide:mock:v1";
const MINUTE = 60 * 1000;

function clock(ms) {
  const seconds = Math.max(0, Math.round(ms / 1000));
  return Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
}

function shuffle(list) {
  const out = list.slice();
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function element(name, className, text) {
  const made = document.createElement(name);
  if (className) made.className = className;
  if (text !== undefined) made.textContent = text;
  return made;
}

export function mountMock(container, store) {
  const saved = slot(MOCK_KEY);
  const setup = container.querySelector(".qb-mock__setup");
  const status = container.querySelector(".qb-mock__status");
  const run = container.querySelector(".qb-mock__run");
  const summary = container.querySelector(".qb-mock__summary");
  const answer = run.querySelector(".qb-mock__answer");
  const revealButton = run.querySelector(".qb-mock__reveal");
  const ratings = run.querySelector(".qb-mock__ratings");
  // Minutes each level of question gets, and the ratings, come from the page (one list in the generator).
  const minutes = JSON.parse(container.getAttribute("data-minutes"));
  const ratingButtons = Array.from(ratings.querySelectorAll(".qb-mock__rating"));
  const root = siteRoot();
  let byId = new Map();
  let interview = null;
  let timer = null;
  let loading = false;

  function persist() {
    saved.write(interview);
  }

  function current() {
    return interview && byId.get(interview.ids[interview.index]);
  }

  function pick(questions, choice, lengthMin) {
    let pool;
    if (choice === "weak") pool = weakFirst(questions, store.state.cards, Date.now());
    else {
      const [kind, value] = choice.split(":");
      pool = shuffle(questions.filter((q) => choice === "all" || (kind === "topic" ? q.topic === value : q.difficulty === value)));
    }
    // Questions until their time fills the interview; always at least one.
    const chosen = [];
    let total = 0;
    for (const q of pool) {
      const need = (minutes[q.difficulty] || 5) * MINUTE;
      if (chosen.length && total + need > lengthMin * MINUTE) continue;
      chosen.push(q);
      total += need;
    }
    return chosen;
  }

  function start() {
    const lengthMin = Number(setup.elements.minutes.value);
    const chosen = pick(Array.from(byId.values()), setup.elements.set.value, lengthMin);
    if (!chosen.length) {
      status.textContent = "No questions match this choice.";
      return;
    }
    const now = Date.now();
    interview = {
      version: 1,
      length: lengthMin,
      ids: chosen.map((q) => q.id),
      index: 0,
      revealed: false,
      startedAt: now,
      endsAt: now + lengthMin * MINUTE,
      questionStartedAt: now,
      results: [],
      finished: false,
    };
    persist();
    showRun();
  }

  function tick() {
    if (!interview || interview.finished) return;
    const now = Date.now();
    const left = interview.endsAt - now;
    const remaining = run.querySelector(".qb-mock__remaining");
    remaining.textContent = clock(left);
    run.querySelector(".qb-mock__elapsed").textContent = clock(now - interview.questionStartedAt);
    run.classList.toggle("qb-mock__run--overtime", left <= 0);
    run.querySelector(".qb-mock__timeup").hidden = left > 0;
  }

  function showRun() {
    const question = current();
    setup.hidden = true;
    summary.hidden = true;
    run.hidden = false;
    run.querySelector(".qb-mock__meta").textContent =
      "Question " + (interview.index + 1) + " of " + interview.ids.length + " · " + question.topic_title + " · " + question.difficulty;
    run.querySelector(".qb-mock__budget").textContent = clock((minutes[question.difficulty] || 5) * MINUTE);
    const title = run.querySelector(".qb-mock__question");
    title.textContent = question.question;
    title.setAttribute("data-qid", question.id);
    answer.textContent = "";
    answer.hidden = true;
    ratings.hidden = true;
    revealButton.hidden = false;
    tick();
    if (!timer) timer = window.setInterval(tick, 1000);
    if (interview.revealed) {
      interview.revealed = false;
      reveal();
    } else {
      title.focus();
    }
  }

  async function reveal() {
    if (!interview || interview.finished || interview.revealed || loading) return;
    loading = true;
    const shown = await showAnswer(root, current(), answer);
    loading = false;
    answer.hidden = false;
    if (!shown) {
      revealButton.focus();
      return;
    }
    interview.revealed = true;
    persist();
    revealButton.hidden = true;
    ratings.hidden = false;
    ratingButtons[0].focus();
  }

  function rate(button) {
    if (!interview || !interview.revealed) return;
    const question = current();
    const now = Date.now();
    store.record(question.id, review(store.state.cards[question.id], button.getAttribute("data-grade"), now), now);
    interview.results.push({ id: question.id, ms: now - interview.questionStartedAt, rating: button.getAttribute("data-rating") });
    interview.index += 1;
    interview.revealed = false;
    interview.questionStartedAt = now;
    // The interview ends with its questions, or with the first rating after time is up.
    if (interview.index >= interview.ids.length || now >= interview.endsAt) finish();
    else {
      persist();
      showRun();
    }
  }

  function finish() {
    interview.finished = true;
    interview.endedAt = interview.endedAt || Date.now();
    persist();
    showSummary();
  }

  function labelOf(rating) {
    const button = ratingButtons.find((b) => b.getAttribute("data-rating") === rating);
    return button ? button.getAttribute("data-label") : rating;
  }

  function showSummary() {
    window.clearInterval(timer);
    timer = null;
    run.hidden = true;
    setup.hidden = true;
    const body = summary.querySelector(".qb-mock__summary-body");
    body.textContent = "";
    const results = interview.results.filter((r) => byId.has(r.id));
    const tally = ratingButtons.map((b) => {
      const n = results.filter((r) => r.rating === b.getAttribute("data-rating")).length;
      return n + " " + b.getAttribute("data-label").toLowerCase();
    });
    const total = results.reduce((sum, r) => sum + r.ms, 0);
    body.appendChild(
      element("p", "qb-mock__totals", results.length + " of " + interview.ids.length + " questions answered in " + clock(total) + ": " + tally.join(", ") + ".")
    );

    // No class on the table: Material styles only tables without one.
    const table = document.createElement("table");
    const head = table.createTHead().insertRow();
    ["#", "Question", "Time", "Rating"].forEach((label) => head.appendChild(element("th", "", label)));
    const rows = table.createTBody();
    results.forEach((result, index) => {
      const q = byId.get(result.id);
      const row = rows.insertRow();
      row.setAttribute("data-qid", result.id);
      row.setAttribute("data-rating", result.rating);
      row.insertCell().textContent = String(index + 1);
      const link = element("a", "", q.question);
      link.href = new URL(q.url, root).href;
      row.insertCell().appendChild(link);
      row.insertCell().textContent = clock(result.ms);
      row.insertCell().textContent = labelOf(result.rating);
    });
    body.appendChild(table);

    // Weak topics: any question not rated "know it", grouped by topic, weakest topic first.
    const weak = new Map();
    results
      .filter((r) => r.rating !== ratingButtons[0].getAttribute("data-rating"))
      .forEach((r) => {
        const q = byId.get(r.id);
        if (!weak.has(q.topic)) weak.set(q.topic, { title: q.topic_title, questions: [] });
        weak.get(q.topic).questions.push(q);
      });
    body.appendChild(element("h3", "", "Weak topics"));
    if (!weak.size) {
      body.appendChild(element("p", "qb-mock__no-weak", "None: every answer was rated " + labelOf("known").toLowerCase() + "."));
    } else {
      const list = element("ul", "qb-mock__weak");
      Array.from(weak.entries())
        .sort((a, b) => b[1].questions.length - a[1].questions.length)
        .forEach(([topic, entry]) => {
          const item = element("li");
          item.setAttribute("data-topic", topic);
          item.appendChild(element("strong", "", entry.title));
          const inner = element("ul");
          entry.questions.forEach((q) => {
            const link = element("a", "", q.question);
            link.href = new URL(q.url, root).href;
            const li = element("li");
            li.appendChild(link);
            inner.appendChild(li);
          });
          item.appendChild(inner);
          list.appendChild(item);
        });
      body.appendChild(list);
    }
    summary.hidden = false;
    summary.querySelector("h2").focus();
    updateCounts(store);
  }

  function showSetup() {
    summary.hidden = true;
    run.hidden = true;
    setup.hidden = false;
  }

  function keys(event) {
    if (ignoredKey(event)) return;
    if (event.key === " " && !spaceActivates(event)) {
      if (!setup.hidden && byId.size) {
        event.preventDefault();
        setup.requestSubmit();
      } else if (interview && !interview.finished && !interview.revealed) {
        event.preventDefault();
        reveal();
      }
      return;
    }
    const index = Number(event.key) - 1;
    if (interview && interview.revealed && !interview.finished && ratingButtons[index]) {
      event.preventDefault();
      rate(ratingButtons[index]);
    }
  }

  // The form is on the page before the deck arrives: a submit then must not leave the page.
  setup.addEventListener("submit", (event) => {
    event.preventDefault();
    if (byId.size) start();
  });

  fetchQuestions(container)
    .then((questions) => {
      byId = new Map(questions.map((q) => [q.id, q]));
      setup.querySelector("button[type=submit]").disabled = false;
      revealButton.addEventListener("click", reveal);
      ratingButtons.forEach((button) => button.addEventListener("click", () => rate(button)));
      run.querySelector(".qb-mock__end").addEventListener("click", finish);
      summary.querySelector(".qb-mock__again").addEventListener("click", () => {
        saved.clear();
        interview = null;
        showSetup();
        setup.querySelector("button[type=submit]").focus();
      });
      // Back to an interview left by a reload, if its questions are all still in the bank.
      const previous = saved.read();
      if (previous && previous.version === 1 && Array.isArray(previous.ids) && previous.ids.every((id) => byId.has(id))) {
        interview = previous;
        if (interview.finished) showSummary();
        else showRun();
      } else {
        showSetup();
      }
    })
    .catch((error) => {
      status.textContent = "Could not load the questions (" + error.message + "). Reload the page to try again.";
      setup.hidden = false;
    });

  return {
    keys,
    cleanup() {
      window.clearInterval(timer);
      timer = null;
    },
  };
}
