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

// Material's box, or Zensical's (an input in a dialog inside a shadow root).
const BOXES = "input.md-search__input, [data-md-component=search-query], dialog input[role=combobox]";

function isSearchBox(element) {
  return !!(element && element.matches && element.matches(BOXES));
}

// The element itself, also inside a shadow root (the event's target is then the root's host).
function origin(event) {
  return event.composedPath ? event.composedPath()[0] : event.target;
}

document.addEventListener("focusin", (event) => isSearchBox(origin(event)) && warm());
document.addEventListener("input", (event) => isSearchBox(origin(event)) && warm());
// The box may have been focused before this module ran (a ?q= link).
if (isSearchBox(document.activeElement)) warm();
