/* A case study's rubric as a checklist: ticks kept in this browser by question id, a score per section.
 *
 * One localStorage slot holds every case's ticks ({question id: {section:
 * [signal indexes]}}), beside the progress and the mock interview. The
 * design round writes the grades of a finished round here too, so the case
 * page shows the latest attempt.
 */
import { RED_FLAGS, cleanTicks, sectionScores, setTick, totalScore } from "./grading.js";
import { slot } from "./storage.js";

export const RUBRIC_KEY = "ml-interview-guide:rubric:v1";

/** Every case's saved ticks. */
export function readAllTicks() {
  const saved = slot(RUBRIC_KEY).read();
  return saved && typeof saved === "object" && !Array.isArray(saved) ? saved : {};
}

/** Save one case's ticks (an empty set removes the entry). */
export function saveTicks(qid, ticks) {
  const all = readAllTicks();
  if (Object.keys(ticks).length) all[qid] = ticks;
  else delete all[qid];
  return slot(RUBRIC_KEY).write(all);
}

/** {section: number of signals} from a checklist's boxes. */
export function sizesOf(boxes) {
  const sizes = {};
  boxes.forEach((box) => {
    const section = box.getAttribute("data-section");
    sizes[section] = (sizes[section] || 0) + 1;
  });
  return sizes;
}

/** Write the scores into a checklist: "2 of 3" per section, red flags counted, the total. */
export function showScores(root, sizes, ticks) {
  const scores = sectionScores(sizes, ticks);
  scores.forEach((score) => {
    const out = root.querySelector('.qb-rubric__score[data-section="' + score.section + '"]');
    if (out) out.textContent = score.ticked + " of " + score.total;
  });
  const flags = root.querySelector('.qb-rubric__score[data-section="' + RED_FLAGS + '"]');
  const total = totalScore(sizes, ticks);
  if (flags) flags.textContent = total.flags + " raised";
  const line = root.querySelector(".qb-rubric__total");
  if (line) {
    line.textContent =
      "Score: " + total.ticked + " of " + total.total + " signals (" + Math.round(100 * total.share) + "%)" +
      (total.flags ? ", " + total.flags + " red flag" + (total.flags > 1 ? "s" : "") : "") + ".";
  }
  return total;
}

export function mountRubric(details) {
  const qid = details.getAttribute("data-qid");
  const boxes = Array.from(details.querySelectorAll(".qb-rubric__tick"));
  const sizes = sizesOf(boxes);
  let ticks = cleanTicks(readAllTicks()[qid], sizes);
  boxes.forEach((box) => {
    const section = box.getAttribute("data-section");
    box.checked = (ticks[section] || []).indexOf(Number(box.getAttribute("data-index"))) >= 0;
  });
  showScores(details, sizes, ticks);
  function changed(event) {
    const box = event.target;
    if (!box.classList || !box.classList.contains("qb-rubric__tick")) return;
    ticks = setTick(ticks, box.getAttribute("data-section"), Number(box.getAttribute("data-index")), box.checked);
    saveTicks(qid, ticks);
    showScores(details, sizes, ticks);
  }
  details.addEventListener("change", changed);
  return {
    cleanup() {
      details.removeEventListener("change", changed);
    },
  };
}
