/* The progress page: known per topic as bars, reviews due and done as charts, export/import. */
import { barChart } from "./chart.js";
import { showSolved } from "./exercise-progress.js";
import { fetchQuestions, siteRoot } from "./fetches.js";
import { dueByDay, isDue, isKnown, reviewsByDay, streak } from "./schedule.js";
import { exportPayload, parseExport } from "./storage.js";
import { updateCounts } from "./topic.js";

const CHART_DAYS = 14;
const WEEKDAY = new Intl.DateTimeFormat(undefined, { weekday: "narrow" });
const LONG_DAY = new Intl.DateTimeFormat(undefined, { weekday: "short", month: "short", day: "numeric" });

function element(name, className, text) {
  const made = document.createElement(name);
  if (className) made.className = className;
  if (text !== undefined) made.textContent = text;
  return made;
}

function dayAt(now, offset) {
  const date = new Date(now);
  date.setHours(12, 0, 0, 0);
  date.setDate(date.getDate() + offset);
  return date;
}

function plural(n, word) {
  return n + " " + word + (n === 1 ? "" : "s");
}

function topicBars(questions, cards, now) {
  const byTopic = new Map();
  questions.forEach((q) => {
    if (!byTopic.has(q.topic)) byTopic.set(q.topic, { title: q.topic_title, total: 0, known: 0, due: 0 });
    const entry = byTopic.get(q.topic);
    entry.total += 1;
    if (isKnown(cards[q.id])) entry.known += 1;
    if (isDue(cards[q.id], now)) entry.due += 1;
  });
  const list = element("ul", "qb-topic-bars");
  byTopic.forEach((entry, key) => {
    const item = element("li");
    item.setAttribute("data-topic", key);
    const id = "qb-topic-bar-" + key;
    const label = element("label", "qb-topic-bars__title", entry.title);
    label.htmlFor = id;
    const meter = element("progress");
    meter.id = id;
    meter.max = entry.total;
    meter.value = entry.known;
    const text = element("span", "qb-topic-bars__count", entry.known + " of " + entry.total + " known");
    if (entry.due) text.textContent += " · " + entry.due + " due";
    item.append(label, meter, text);
    list.appendChild(item);
  });
  return { list, byTopic };
}

function dueChart(cards, now) {
  const counts = dueByDay(cards, now, CHART_DAYS);
  const total = counts.reduce((a, b) => a + b, 0);
  const bars = counts.map((value, offset) => {
    const day = dayAt(now, offset);
    const name = offset === 0 ? "Today (and overdue)" : offset === 1 ? "Tomorrow" : LONG_DAY.format(day);
    return { value, label: offset === 0 ? "today" : WEEKDAY.format(day), title: name + ": " + plural(value, "review"), highlight: offset === 0 };
  });
  return barChart(bars, {
    className: "qb-chart--due",
    description: plural(total, "review") + " due in the next " + CHART_DAYS + " days, " + counts[0] + " of them today.",
  });
}

function historyChart(days, now) {
  const history = reviewsByDay(days, now, CHART_DAYS);
  const total = history.reduce((a, b) => a + b.count, 0);
  const bars = history.map((entry, index) => {
    const day = dayAt(now, index - (CHART_DAYS - 1));
    return {
      value: entry.count,
      label: index === CHART_DAYS - 1 ? "today" : WEEKDAY.format(day),
      title: LONG_DAY.format(day) + ": " + plural(entry.count, "review"),
      highlight: index === CHART_DAYS - 1,
    };
  });
  return barChart(bars, {
    className: "qb-chart--history",
    description: plural(total, "review") + " in the last " + CHART_DAYS + " days.",
  });
}

export function mountProgress(container, store) {
  const root = siteRoot();
  const message = container.querySelector(".qb-progress-page__message");

  function render(questions) {
    const now = Date.now();
    const cards = store.state.cards;
    const { list, byTopic } = topicBars(questions, cards, now);
    let known = 0;
    let due = 0;
    byTopic.forEach((entry) => {
      known += entry.known;
      due += entry.due;
    });
    const summary = container.querySelector(".qb-progress-page__summary");
    summary.textContent = "";
    summary.appendChild(
      element("p", "qb-progress-total", known + " of " + questions.length + " questions known; " + due + " due for review.")
    );
    summary.appendChild(list);

    // Only cards of questions still in the bank count in the charts.
    const current = {};
    questions.forEach((q) => {
      if (cards[q.id]) current[q.id] = cards[q.id];
    });
    const upcoming = container.querySelector(".qb-progress-page__upcoming");
    upcoming.textContent = "";
    upcoming.appendChild(dueChart(current, now));

    const history = container.querySelector(".qb-progress-page__history");
    history.textContent = "";
    const days = streak(store.state.days, now);
    const streakLine = element("p", "qb-streak", days ? "Current streak: " + plural(days, "day") + " in a row." : "No streak yet: review something today to start one.");
    streakLine.setAttribute("data-streak", String(days));
    history.append(streakLine, historyChart(store.state.days, now));

    const dueBox = container.querySelector(".qb-progress-page__due");
    dueBox.textContent = "";
    const dueNow = questions.filter((q) => isDue(cards[q.id], now));
    dueNow.sort((a, b) => cards[a.id].due - cards[b.id].due);
    if (!dueNow.length) {
      dueBox.appendChild(element("p", "", "Nothing is due."));
    } else {
      const items = element("ul", "qb-due-list");
      dueNow.forEach((q) => {
        const item = element("li");
        const link = element("a", "", q.question);
        link.href = new URL(q.url, root).href;
        item.append(link, document.createTextNode(" (" + q.topic_title + ")"));
        items.appendChild(item);
      });
      dueBox.appendChild(items);
    }
    showSolved(container);
    updateCounts(store);
  }

  function say(text) {
    message.textContent = text;
  }

  fetchQuestions(container)
    .then((questions) => {
      render(questions);
      const actions = container.querySelector(".qb-progress-page__actions");
      actions.querySelector(".qb-export").addEventListener("click", () => {
        const payload = exportPayload(store.state, Date.now());
        const blob = new Blob([JSON.stringify(payload, null, 1)], { type: "application/json" });
        const link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = "ml-interview-progress.json";
        document.body.appendChild(link);
        link.click();
        link.remove();
        say("Exported " + Object.keys(payload.cards).length + " cards.");
      });
      actions.querySelector(".qb-import input").addEventListener("change", (event) => {
        const file = event.target.files[0];
        if (!file) return;
        file
          .text()
          .then((text) => {
            // Exports from before FSRS hold Leitner boxes; parseExport migrates them.
            store.replace(parseExport(text));
            render(questions);
            say("Imported " + Object.keys(store.state.cards).length + " cards.");
          })
          .catch((error) => say("Import failed: " + error.message + "."));
        event.target.value = "";
      });
      actions.querySelector(".qb-reset").addEventListener("click", () => {
        if (!window.confirm("Forget all progress in this browser? This cannot be undone (export first to keep a copy).")) {
          return;
        }
        store.replace({ version: store.state.version, cards: {}, days: {} });
        render(questions);
        say("Progress reset.");
      });
      actions.hidden = false;
    })
    .catch((error) => {
      container.querySelector(".qb-progress-page__summary").textContent =
        "Could not load the questions (" + error.message + "). Reload the page to try again.";
    });
  return {};
}
