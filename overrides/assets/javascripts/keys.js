/* The study pages' keyboard shortcuts, and when to leave a key to the browser. */

/** True when a key belongs to what has focus (typing, a menu) or carries a modifier. */
export function ignoredKey(event) {
  const tag = (event.target && event.target.tagName) || "";
  return (
    ["INPUT", "SELECT", "TEXTAREA"].indexOf(tag) >= 0 ||
    (event.target && event.target.isContentEditable) ||
    event.ctrlKey ||
    event.metaKey ||
    event.altKey
  );
}

/** Space on a focused button or link already activates it; a shortcut must not act twice. */
export function spaceActivates(event) {
  const tag = (event.target && event.target.tagName) || "";
  return ["BUTTON", "A", "SUMMARY"].indexOf(tag) >= 0;
}
