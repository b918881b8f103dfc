/* Grading a design attempt against a case study's rubric: pure functions.
 *
 * Ticks are {section: [signal indexes]}; a section's size comes from the page
 * (how many signals it lists). Red flags count against the attempt and are
 * kept apart from the signals of the ten sections.
 */
export const RED_FLAGS = "red-flags";

/** Ticks cleaned of anything not on this rubric (a signal removed since, a bad index). */
export function cleanTicks(ticks, sizes) {
  const clean = {};
  Object.keys(sizes).forEach((section) => {
    const list = ticks && Array.isArray(ticks[section]) ? ticks[section] : [];
    const kept = Array.from(new Set(list.filter((i) => Number.isInteger(i) && i >= 0 && i < sizes[section])));
    if (kept.length) clean[section] = kept.sort((a, b) => a - b);
  });
  return clean;
}

/** Ticks with one signal set on or off (a new object). */
export function setTick(ticks, section, index, on) {
  const next = Object.assign({}, ticks);
  const list = (next[section] || []).filter((i) => i !== index);
  if (on) list.push(index);
  list.sort((a, b) => a - b);
  if (list.length) next[section] = list;
  else delete next[section];
  return next;
}

/** Per section, in rubric order: {section, ticked, total, share}; red flags excluded. */
export function sectionScores(sizes, ticks) {
  return Object.keys(sizes)
    .filter((section) => section !== RED_FLAGS)
    .map((section) => {
      const total = sizes[section];
      const ticked = ((ticks && ticks[section]) || []).filter((i) => i < total).length;
      return { section, ticked, total, share: total ? ticked / total : 0 };
    });
}

/** The whole attempt: signals met out of all signals, and red flags raised. */
export function totalScore(sizes, ticks) {
  const scores = sectionScores(sizes, ticks);
  const ticked = scores.reduce((sum, s) => sum + s.ticked, 0);
  const total = scores.reduce((sum, s) => sum + s.total, 0);
  const flags = ((ticks && ticks[RED_FLAGS]) || []).length;
  return { ticked, total, share: total ? ticked / total : 0, flags };
}

/** The weakest sections: lowest share first, ties in rubric order; only those below full marks. */
export function weakestSections(sizes, ticks, count) {
  return sectionScores(sizes, ticks)
    .map((score, order) => Object.assign({ order }, score))
    .filter((score) => score.share < 1)
    .sort((a, b) => a.share - b.share || a.order - b.order)
    .slice(0, count);
}

/**
 * The drill grade for an attempt: the first band whose upper end (`below`,
 * a share of signals met; null for the top band) is above the share, then one
 * band lower for each red flag raised, never below the first. The bands come
 * from the page (pages.DESIGN_GRADES, where the mapping is explained).
 */
export function gradeFor(share, flags, bands) {
  const step = bands.findIndex((band) => band.below === null || band.below === undefined || share < band.below);
  const index = step < 0 ? bands.length - 1 : step;
  return bands[Math.max(0, index - (flags || 0))].grade;
}
