/* Small fixes to Material's own markup, applied on every page. */

export function patchTheme() {
  // Material's search dialog has no accessible name; screen readers need one.
  const search = document.querySelector(".md-search[role=dialog]");
  if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", "Search");
}
