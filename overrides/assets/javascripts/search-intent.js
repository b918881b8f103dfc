/* Search loads when the reader reaches for it: focusing the search box (a
 * click, a tap, or Material's "f", "s" and "/" shortcuts, which focus it) or
 * typing into it tells the search worker to fetch its engine and index
 * (search-worker.js, message WARM). Material keeps its worker to itself, so
 * the word goes over a BroadcastChannel the worker listens on. */
const WARM = 4;
let sent = false;

function warm() {
  if (sent || typeof BroadcastChannel !== "function") return;
  sent = true;
  const channel = new BroadcastChannel("qb-search");
  channel.postMessage({ type: WARM });
  channel.close();
}

function isSearchBox(element) {
  return !!(element && element.matches && element.matches("input.md-search__input, [data-md-component=search-query]"));
}

document.addEventListener("focusin", (event) => isSearchBox(event.target) && warm());
document.addEventListener("input", (event) => isSearchBox(event.target) && warm());
// The box may have been focused before this module ran (a ?q= link).
if (isSearchBox(document.activeElement)) warm();
