/* Study tools: "Know it" marks, topic filters, progress, and the practice drill.
 *
 * Everything lives in this browser's localStorage under one key, keyed by
 * question id, so progress survives re-ordered and added questions; ids that
 * no longer exist are ignored. Material's instant navigation swaps pages
 * without reloading, so setup runs again on every page through document$.
 */
(function () {
  "use strict";

  var KEY = "ml-interview-guide:progress:v1";
  var FORMAT = "ml-interview-guide-progress";
  var DAY = 24 * 60 * 60 * 1000;
  // Leitner boxes 1-5: days until the card is due again (box 1: this session).
  var INTERVAL_DAYS = { 1: 0, 2: 1, 3: 3, 4: 7, 5: 21 };
  var KNOWN_BOX = 4;
  var MAX_BOX = 5;

  /* ---------- storage and schedule ---------- */

  function emptyState() {
    return { version: 1, cards: {} };
  }

  function load() {
    try {
      var data = JSON.parse(window.localStorage.getItem(KEY) || "null");
      if (data && typeof data === "object" && data.cards && typeof data.cards === "object") {
        return data;
      }
    } catch (error) {
      /* unreadable progress is treated as none */
    }
    return emptyState();
  }

  function save(state) {
    window.localStorage.setItem(KEY, JSON.stringify(state));
  }

  function cardOf(state, id) {
    var card = state.cards[id];
    return card && typeof card.box === "number" && card.box >= 1 ? card : null;
  }

  function isKnown(state, id) {
    var card = cardOf(state, id);
    return !!card && card.box >= KNOWN_BOX;
  }

  function isDue(state, id, now) {
    var card = cardOf(state, id);
    return !!card && card.due <= now;
  }

  function place(state, id, box, now) {
    var card = cardOf(state, id) || { box: 1, due: 0, reviews: 0 };
    card.box = Math.max(1, Math.min(MAX_BOX, box));
    card.due = now + INTERVAL_DAYS[card.box] * DAY;
    card.last = now;
    card.reviews = (card.reviews || 0) + 1;
    state.cards[id] = card;
    return card;
  }

  // again: box 1; hard: same box; good: up one; easy: up two.
  function grade(state, id, verdict, now) {
    var before = cardOf(state, id);
    var from = before ? before.box : 1;
    var step = { again: null, hard: 0, good: 1, easy: 2 }[verdict];
    var to = step === null ? 1 : from + step;
    var card = place(state, id, to, now);
    return { from: before ? from : 0, to: card.box };
  }

  /* ---------- helpers ---------- */

  function siteRoot() {
    var config = document.getElementById("__config");
    var base = ".";
    try {
      base = JSON.parse(config.textContent).base || ".";
    } catch (error) {
      /* fall back to the page's folder */
    }
    return new URL(base.replace(/\/?$/, "/"), window.location.href);
  }

  function idsOf(element) {
    return (element.getAttribute("data-ids") || "").split(/\s+/).filter(Boolean);
  }

  function countKnown(state, ids) {
    return ids.filter(function (id) { return isKnown(state, id); }).length;
  }

  function updateCounts(state) {
    document.querySelectorAll(".qb-progress-count[data-ids]").forEach(function (element) {
      var ids = idsOf(element);
      element.textContent = countKnown(state, ids) + " of " + ids.length + " known";
      element.hidden = false;
    });
  }

  function questionsUrl(element) {
    return new URL(element.getAttribute("data-questions"), window.location.href);
  }

  var questionsCache = {};
  function fetchQuestions(url) {
    var key = url.href;
    if (!questionsCache[key]) {
      questionsCache[key] = fetch(url).then(function (response) {
        if (!response.ok) { throw new Error("questions.json: " + response.status); }
        return response.json();
      }).then(function (data) { return data.questions; });
    }
    return questionsCache[key];
  }

  /* ---------- topic pages: marks, buttons, filters ---------- */

  function markHeading(state, id) {
    var heading = document.getElementById(id);
    if (!heading) { return; }
    var card = cardOf(state, id);
    heading.classList.toggle("qb-known", isKnown(state, id));
    heading.classList.toggle("qb-review", !!card && card.box < KNOWN_BOX);
  }

  function setupActions(state) {
    document.querySelectorAll(".qb-actions[data-qid]").forEach(function (actions) {
      var id = actions.getAttribute("data-qid");
      var known = actions.querySelector('[data-action="known"]');
      var review = actions.querySelector('[data-action="review"]');
      function refresh() {
        var card = cardOf(state, id);
        known.setAttribute("aria-pressed", String(isKnown(state, id)));
        review.setAttribute("aria-pressed", String(!!card && card.box < KNOWN_BOX));
        markHeading(state, id);
      }
      known.addEventListener("click", function () {
        place(state, id, Math.max(KNOWN_BOX, (cardOf(state, id) || { box: 1 }).box), Date.now());
        save(state);
        refresh();
        updateCounts(state);
        applyFilters(state);
      });
      review.addEventListener("click", function () {
        place(state, id, 1, Date.now());
        save(state);
        refresh();
        updateCounts(state);
        applyFilters(state);
      });
      actions.hidden = false;
      refresh();
    });
  }

  function questionBlocks() {
    // A question is its heading plus everything up to the next question heading.
    return Array.prototype.map.call(document.querySelectorAll("h2.qb-question"), function (heading) {
      var parts = [heading];
      var next = heading.nextElementSibling;
      while (next && !(next.matches("h2.qb-question"))) {
        parts.push(next);
        next = next.nextElementSibling;
      }
      return { id: heading.id, difficulty: heading.getAttribute("data-difficulty"), parts: parts };
    });
  }

  function applyFilters(state) {
    var bar = document.querySelector(".qb-filters");
    if (!bar) { return; }
    var level = bar.getAttribute("data-level") || "all";
    var unknownOnly = bar.querySelector(".qb-filter-unknown").checked;
    var blocks = questionBlocks();
    var shown = 0;
    blocks.forEach(function (block) {
      var visible = (level === "all" || block.difficulty === level) && !(unknownOnly && isKnown(state, block.id));
      if (visible) { shown += 1; }
      block.parts.forEach(function (part) { part.hidden = !visible; });
    });
    bar.querySelector(".qb-filters__status").textContent =
      shown === blocks.length ? "" : "Showing " + shown + " of " + blocks.length;
  }

  function setupFilters(state) {
    var bar = document.querySelector(".qb-filters");
    if (!bar) { return; }
    bar.querySelectorAll(".qb-filter").forEach(function (button) {
      button.addEventListener("click", function () {
        bar.setAttribute("data-level", button.getAttribute("data-filter"));
        bar.querySelectorAll(".qb-filter").forEach(function (other) {
          other.setAttribute("aria-pressed", String(other === button));
        });
        applyFilters(state);
      });
    });
    bar.querySelector(".qb-filter-unknown").addEventListener("change", function () { applyFilters(state); });
    bar.hidden = false;
  }

  /* ---------- practice drill ---------- */

  var practice = null; // the running session, for the keyboard handler

  var pageCache = {};
  function answerHtml(root, question) {
    var pageUrl = new URL(question.url.split("#")[0], root).href;
    if (!pageCache[pageUrl]) {
      pageCache[pageUrl] = fetch(pageUrl).then(function (response) { return response.text(); }).then(function (text) {
        return new DOMParser().parseFromString(text, "text/html");
      });
    }
    return pageCache[pageUrl].then(function (doc) {
      var details = doc.querySelector('.qb-body[data-qid="' + question.id + '"] details.answer');
      var holder = document.createElement("div");
      if (!details) { return holder; }
      Array.prototype.forEach.call(details.children, function (child) {
        if (child.tagName !== "SUMMARY") { holder.appendChild(document.importNode(child, true)); }
      });
      // Links and formula images are relative to the topic page, not to this one.
      holder.querySelectorAll("a[href]").forEach(function (link) {
        link.href = new URL(link.getAttribute("href"), pageUrl).href;
      });
      holder.querySelectorAll("img[src]").forEach(function (image) {
        image.src = new URL(image.getAttribute("src"), pageUrl).href;
        image.loading = "eager";
      });
      return holder;
    });
  }

  function selectSet(questions, state, choice) {
    return questions.filter(function (q) {
      if (choice === "all") { return true; }
      if (choice === "unknown") { return !isKnown(state, q.id); }
      var parts = choice.split(":");
      if (parts[0] === "topic") { return q.topic === parts[1]; }
      if (parts[0] === "difficulty") { return q.difficulty === parts[1]; }
      if (parts[0] === "tag") { return q.tags.indexOf(parts[1]) >= 0; }
      return false;
    });
  }

  // Due cards first (most overdue first), then cards never seen, in bank order.
  function buildQueue(set, state, now, size) {
    var due = set.filter(function (q) { return isDue(state, q.id, now); });
    due.sort(function (a, b) { return state.cards[a.id].due - state.cards[b.id].due; });
    var fresh = set.filter(function (q) { return !cardOf(state, q.id); });
    return due.concat(fresh).slice(0, size);
  }

  function setupPractice(state) {
    var container = document.querySelector(".qb-practice");
    if (!container) { return; }
    var setup = container.querySelector(".qb-practice__setup");
    var cardBox = container.querySelector(".qb-card");
    var summary = container.querySelector(".qb-summary");
    var available = container.querySelector(".qb-practice__available");
    var root = siteRoot();

    fetchQuestions(questionsUrl(container)).then(function (questions) {
      function describe() {
        var set = selectSet(questions, state, setup.elements.set.value);
        var queue = buildQueue(set, state, Date.now(), set.length);
        available.textContent = queue.length + " of " + set.length + " cards in this set are due or new.";
      }
      setup.elements.set.addEventListener("change", describe);
      describe();
      setup.hidden = false;

      setup.addEventListener("submit", function (event) {
        event.preventDefault();
        var set = selectSet(questions, state, setup.elements.set.value);
        var size = Math.max(1, parseInt(setup.elements.size.value, 10) || 20);
        var queue = buildQueue(set, state, Date.now(), size);
        if (!queue.length) {
          available.textContent = "Nothing in this set is due or new. Pick another set, or come back later.";
          return;
        }
        start(queue);
      });

      function start(queue) {
        practice = { queue: queue.slice(), done: 0, total: queue.length, repeats: {}, tally: {}, moves: [], revealed: false };
        setup.hidden = true;
        summary.hidden = true;
        cardBox.hidden = false;
        show();
      }

      function show() {
        var question = practice.queue[0];
        practice.revealed = false;
        cardBox.querySelector(".qb-card__meta").textContent =
          question.topic_title + " · " + question.difficulty;
        var title = cardBox.querySelector(".qb-card__question");
        title.textContent = question.question;
        title.setAttribute("data-qid", question.id);
        cardBox.querySelector(".qb-card__answer").hidden = true;
        cardBox.querySelector(".qb-card__answer").textContent = "";
        cardBox.querySelector(".qb-card__grades").hidden = true;
        cardBox.querySelector(".qb-card__reveal").hidden = false;
        cardBox.querySelector(".qb-card__progress").textContent =
          "Card " + (practice.done + 1) + " · " + practice.queue.length + " left in this session";
        title.focus();
      }

      practice_reveal = function () {
        if (!practice || practice.revealed) { return; }
        practice.revealed = true;
        var question = practice.queue[0];
        var target = cardBox.querySelector(".qb-card__answer");
        answerHtml(root, question).then(function (holder) {
          target.textContent = "";
          target.appendChild(holder);
          target.hidden = false;
          cardBox.querySelector(".qb-card__reveal").hidden = true;
          cardBox.querySelector(".qb-card__grades").hidden = false;
          cardBox.querySelector('.qb-grade[data-grade="good"]').focus();
        });
      };

      practice_grade = function (verdict) {
        if (!practice || !practice.revealed) { return; }
        var question = practice.queue.shift();
        var move = grade(state, question.id, verdict, Date.now());
        save(state);
        practice.tally[verdict] = (practice.tally[verdict] || 0) + 1;
        practice.moves.push({ question: question, from: move.from, to: move.to, verdict: verdict });
        practice.done += 1;
        // "Again" brings the card back after a few others, at most twice a session.
        if (verdict === "again" && (practice.repeats[question.id] || 0) < 2) {
          practice.repeats[question.id] = (practice.repeats[question.id] || 0) + 1;
          practice.queue.splice(Math.min(3, practice.queue.length), 0, question);
        }
        if (practice.queue.length) { show(); } else { finish(); }
      };

      function finish() {
        cardBox.hidden = true;
        var body = summary.querySelector(".qb-summary__body");
        body.textContent = "";
        var counts = document.createElement("p");
        counts.textContent = practice.done + " answers: " + ["again", "hard", "good", "easy"].map(function (g) {
          return (practice.tally[g] || 0) + " " + g;
        }).join(", ") + ".";
        body.appendChild(counts);
        var list = document.createElement("ul");
        list.className = "qb-summary__moves";
        practice.moves.forEach(function (move) {
          var item = document.createElement("li");
          item.setAttribute("data-qid", move.question.id);
          item.setAttribute("data-from", String(move.from));
          item.setAttribute("data-to", String(move.to));
          var from = move.from ? "box " + move.from : "new";
          item.textContent = move.question.question + " (" + move.verdict + "): " + from + " → box " + move.to;
          list.appendChild(item);
        });
        body.appendChild(list);
        summary.hidden = false;
        summary.querySelector("h2").focus();
        practice = null;
        updateCounts(state);
      }

      cardBox.querySelector(".qb-card__reveal").addEventListener("click", function () { practice_reveal(); });
      cardBox.querySelectorAll(".qb-grade").forEach(function (button) {
        button.addEventListener("click", function () { practice_grade(button.getAttribute("data-grade")); });
      });
      summary.querySelector(".qb-summary__again").addEventListener("click", function () {
        summary.hidden = true;
        describe();
        setup.hidden = false;
      });
    }).catch(function (error) {
      available.textContent = "Could not load the questions (" + error.message + ").";
      setup.hidden = false;
    });
  }

  var practice_reveal = function () {};
  var practice_grade = function () {};

  document.addEventListener("keydown", function (event) {
    if (!practice || !document.querySelector(".qb-practice")) { return; }
    var tag = (event.target && event.target.tagName) || "";
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA" || event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    if (event.key === " " && !practice.revealed) {
      event.preventDefault();
      practice_reveal();
    } else if (practice.revealed && ["1", "2", "3", "4"].indexOf(event.key) >= 0) {
      event.preventDefault();
      practice_grade(["again", "hard", "good", "easy"][Number(event.key) - 1]);
    }
  });

  /* ---------- progress page ---------- */

  function setupProgressPage(state) {
    var container = document.querySelector(".qb-progress-page");
    if (!container) { return; }
    var root = siteRoot();
    var message = container.querySelector(".qb-progress-page__message");

    function render(questions) {
      var now = Date.now();
      var byTopic = {};
      questions.forEach(function (q) {
        var entry = byTopic[q.topic] || (byTopic[q.topic] = { title: q.topic_title, total: 0, known: 0, due: 0 });
        entry.total += 1;
        if (isKnown(state, q.id)) { entry.known += 1; }
        if (isDue(state, q.id, now)) { entry.due += 1; }
      });
      // No class on the table: Material styles only tables without one.
      var table = document.createElement("table");
      var head = table.createTHead().insertRow();
      ["Topic", "Known", "Due"].forEach(function (label) {
        var cell = document.createElement("th");
        cell.textContent = label;
        head.appendChild(cell);
      });
      var body = table.createTBody();
      var totals = { total: 0, known: 0, due: 0 };
      Object.keys(byTopic).forEach(function (key) {
        var entry = byTopic[key];
        var row = body.insertRow();
        row.setAttribute("data-topic", key);
        row.insertCell().textContent = entry.title;
        row.insertCell().textContent = entry.known + " of " + entry.total;
        row.insertCell().textContent = String(entry.due);
        totals.total += entry.total;
        totals.known += entry.known;
        totals.due += entry.due;
      });
      var summary = container.querySelector(".qb-progress-page__summary");
      summary.textContent = "";
      var line = document.createElement("p");
      line.className = "qb-progress-total";
      line.textContent = totals.known + " of " + totals.total + " questions known; " + totals.due + " due for review.";
      summary.appendChild(line);
      summary.appendChild(table);

      var dueBox = container.querySelector(".qb-progress-page__due");
      dueBox.textContent = "";
      var due = questions.filter(function (q) { return isDue(state, q.id, now); });
      due.sort(function (a, b) { return state.cards[a.id].due - state.cards[b.id].due; });
      if (!due.length) {
        var none = document.createElement("p");
        none.textContent = "Nothing is due.";
        dueBox.appendChild(none);
      } else {
        var list = document.createElement("ul");
        list.className = "qb-due-list";
        due.forEach(function (q) {
          var item = document.createElement("li");
          var link = document.createElement("a");
          link.href = new URL(q.url, root).href;
          link.textContent = q.question;
          item.appendChild(link);
          item.appendChild(document.createTextNode(" (" + q.topic_title + ", box " + state.cards[q.id].box + ")"));
          list.appendChild(item);
        });
        dueBox.appendChild(list);
      }
    }

    fetchQuestions(questionsUrl(container)).then(function (questions) {
      render(questions);
      var actions = container.querySelector(".qb-progress-page__actions");
      actions.querySelector(".qb-export").addEventListener("click", function () {
        var payload = { format: FORMAT, version: 1, exported: new Date().toISOString(), cards: load().cards };
        var blob = new Blob([JSON.stringify(payload, null, 1)], { type: "application/json" });
        var link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = "ml-interview-progress.json";
        document.body.appendChild(link);
        link.click();
        link.remove();
        message.textContent = "Exported " + Object.keys(payload.cards).length + " cards.";
      });
      actions.querySelector(".qb-import input").addEventListener("change", function (event) {
        var file = event.target.files[0];
        if (!file) { return; }
        file.text().then(function (text) {
          var data = JSON.parse(text);
          if (!data || data.format !== FORMAT || typeof data.cards !== "object") {
            throw new Error("this is not an exported progress file");
          }
          state.cards = {};
          Object.keys(data.cards).forEach(function (id) {
            var card = data.cards[id];
            if (card && typeof card.box === "number" && typeof card.due === "number") { state.cards[id] = card; }
          });
          save(state);
          render(questions);
          message.textContent = "Imported " + Object.keys(state.cards).length + " cards.";
        }).catch(function (error) {
          message.textContent = "Import failed: " + error.message + ".";
        });
        event.target.value = "";
      });
      actions.querySelector(".qb-reset").addEventListener("click", function () {
        if (!window.confirm("Forget all progress in this browser? This cannot be undone (export first to keep a copy).")) {
          return;
        }
        state.cards = {};
        save(state);
        render(questions);
        message.textContent = "Progress reset.";
      });
      actions.hidden = false;
    });
  }

  /* ---------- start ---------- */

  function init() {
    // Material's search dialog has no accessible name; screen readers need one.
    var search = document.querySelector(".md-search[role=dialog]");
    if (search && !search.hasAttribute("aria-label")) { search.setAttribute("aria-label", "Search"); }
    var state = load();
    practice = null;
    setupActions(state);
    setupFilters(state);
    updateCounts(state);
    setupPractice(state);
    setupProgressPage(state);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
