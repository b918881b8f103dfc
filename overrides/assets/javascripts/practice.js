/* The practice drill: due and new cards one at a time, graded on the FSRS schedule. */
import { fetchQuestions, showAnswer, siteRoot } from "./fetches.js";
import { ignoredKey, spaceActivates } from "./keys.js";
import { buildQueue, formatInterval, GRADE_NAMES, isKnown, preview, review } from "./schedule.js";
import { updateCounts } from "./topic.js";

// "Again" brings a card back after this many others, at most REPEATS times a session.
const AGAIN_GAP = 3;
const REPEATS = 2;

function selectSet(questions, cards, choice) {
  return questions.filter((q) => {
    if (choice === "all") return true;
    if (choice === "unknown") return !isKnown(cards[q.id]);
    const [kind, value] = choice.split(":");
    if (kind === "topic") return q.topic === value;
    if (kind === "difficulty") return q.difficulty === value;
    if (kind === "tag") return q.tags.indexOf(value) >= 0;
    return false;
  });
}

export function mountPractice(container, store) {
  const setup = container.querySelector(".qb-practice__setup");
  const cardBox = container.querySelector(".qb-card");
  const summary = container.querySelector(".qb-summary");
  const available = container.querySelector(".qb-practice__available");
  const answer = cardBox.querySelector(".qb-card__answer");
  const revealButton = cardBox.querySelector(".qb-card__reveal");
  const grades = cardBox.querySelector(".qb-card__grades");
  const root = siteRoot();
  let questions = null;
  let session = null;

  function describe() {
    const set = selectSet(questions, store.state.cards, setup.elements.set.value);
    const queue = buildQueue(set, store.state.cards, Date.now(), set.length);
    available.textContent = queue.length + " of " + set.length + " cards in this set are due or new.";
  }

  function start() {
    const set = selectSet(questions, store.state.cards, setup.elements.set.value);
    const size = Math.max(1, parseInt(setup.elements.size.value, 10) || 20);
    const queue = buildQueue(set, store.state.cards, Date.now(), size);
    if (!queue.length) {
      available.textContent = "Nothing in this set is due or new. Pick another set, or come back later.";
      return;
    }
    session = { queue, done: 0, repeats: {}, tally: {}, moves: [], revealed: false, loading: false };
    setup.hidden = true;
    summary.hidden = true;
    cardBox.hidden = false;
    show();
  }

  function show() {
    const question = session.queue[0];
    session.revealed = false;
    cardBox.querySelector(".qb-card__meta").textContent = question.topic_title + " · " + question.difficulty;
    const title = cardBox.querySelector(".qb-card__question");
    title.textContent = question.question;
    title.setAttribute("data-qid", question.id);
    answer.hidden = true;
    answer.textContent = "";
    grades.hidden = true;
    revealButton.hidden = false;
    cardBox.querySelector(".qb-card__progress").textContent =
      "Card " + (session.done + 1) + " · " + session.queue.length + " left in this session";
    title.focus();
  }

  // Each grade button says where it would send the card, as Anki does: "Good · 3d".
  function labelGrades(question) {
    const outcomes = preview(store.state.cards[question.id], Date.now());
    grades.querySelectorAll(".qb-grade").forEach((button) => {
      const grade = button.getAttribute("data-grade");
      const interval = outcomes[grade].interval;
      button.setAttribute("data-interval", String(interval));
      button.querySelector(".qb-grade__label").textContent =
        button.getAttribute("data-label") + " · " + formatInterval(interval);
    });
  }

  async function reveal() {
    if (!session || session.revealed || session.loading) return;
    const question = session.queue[0];
    session.loading = true;
    const shown = await showAnswer(root, question, answer);
    session.loading = false;
    answer.hidden = false;
    if (!shown) {
      // The reveal button stays, so Space or a click tries the fetch again.
      revealButton.focus();
      return;
    }
    session.revealed = true;
    labelGrades(question);
    revealButton.hidden = true;
    grades.hidden = false;
    grades.querySelector('.qb-grade[data-grade="good"]').focus();
  }

  function grade(verdict) {
    if (!session || !session.revealed) return;
    const question = session.queue.shift();
    const now = Date.now();
    const card = review(store.state.cards[question.id], verdict, now);
    store.record(question.id, card, now);
    session.tally[verdict] = (session.tally[verdict] || 0) + 1;
    session.moves.push({ question, verdict, interval: card.due - now });
    session.done += 1;
    if (verdict === "again" && (session.repeats[question.id] || 0) < REPEATS) {
      session.repeats[question.id] = (session.repeats[question.id] || 0) + 1;
      session.queue.splice(Math.min(AGAIN_GAP, session.queue.length), 0, question);
    }
    if (session.queue.length) show();
    else finish();
  }

  function finish() {
    cardBox.hidden = true;
    const body = summary.querySelector(".qb-summary__body");
    body.textContent = "";
    const counts = document.createElement("p");
    counts.textContent =
      session.done + " answers: " + GRADE_NAMES.map((g) => (session.tally[g] || 0) + " " + g).join(", ") + ".";
    body.appendChild(counts);
    const list = document.createElement("ul");
    list.className = "qb-summary__moves";
    session.moves.forEach((move) => {
      const item = document.createElement("li");
      item.setAttribute("data-qid", move.question.id);
      item.setAttribute("data-grade", move.verdict);
      item.textContent = move.question.question + " (" + move.verdict + "): next in " + formatInterval(move.interval);
      list.appendChild(item);
    });
    body.appendChild(list);
    summary.hidden = false;
    summary.querySelector("h2").focus();
    session = null;
    updateCounts(store);
  }

  function keys(event) {
    if (ignoredKey(event)) return;
    if (event.key === " " && !spaceActivates(event)) {
      if (!session && !setup.hidden && questions) {
        event.preventDefault();
        setup.requestSubmit();
      } else if (session && !session.revealed) {
        event.preventDefault();
        reveal();
      }
    } else if (session && session.revealed && /^[1-4]$/.test(event.key)) {
      event.preventDefault();
      grade(GRADE_NAMES[Number(event.key) - 1]);
    }
  }

  // The form is on the page before the deck arrives: a submit then must not leave the page.
  setup.addEventListener("submit", (event) => {
    event.preventDefault();
    if (questions) start();
  });

  fetchQuestions(container)
    .then((loaded) => {
      questions = loaded;
      setup.elements.set.addEventListener("change", describe);
      revealButton.addEventListener("click", reveal);
      grades.querySelectorAll(".qb-grade").forEach((button) => {
        button.addEventListener("click", () => grade(button.getAttribute("data-grade")));
      });
      summary.querySelector(".qb-summary__again").addEventListener("click", () => {
        summary.hidden = true;
        describe();
        setup.hidden = false;
        setup.querySelector("button[type=submit]").focus();
      });
      describe();
      setup.hidden = false;
      setup.querySelector("button[type=submit]").disabled = false;
    })
    .catch((error) => {
      available.textContent = "Could not load the questions (" + error.message + "). Reload the page to try again.";
      setup.hidden = false;
    })

  return { keys };
}
