/* The study deck (deck.json) and the answers on the question pages, fetched once a visit.
 *
 * A failed fetch is dropped from the cache, so the next try asks again
 * instead of repeating the failure for the rest of the visit.
 */
const cache = new Map();

function once(key, load) {
  if (!cache.has(key)) {
    const promise = load();
    cache.set(key, promise);
    promise.catch(() => cache.delete(key));
  }
  return cache.get(key);
}

async function ok(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(response.status + " " + (response.statusText || "error"));
  return response;
}

/** The questions of the deck (deck.json: no answers), from an element's data-questions (relative to the page). */
export function fetchQuestions(element) {
  const url = new URL(element.getAttribute("data-questions"), window.location.href).href;
  return once(url, async () => (await (await ok(url)).json()).questions);
}

/** The theme's configuration block on the page (__config), or {} if it cannot be read. */
export function themeConfig() {
  try {
    return JSON.parse(document.getElementById("__config").textContent) || {};
  } catch (error) {
    return {};
  }
}

/** The site's root URL, from the theme's config (pages sit at different depths). */
export function siteRoot() {
  const base = themeConfig().base || "."; // else the page's folder
  return new URL(base.replace(/\/?$/, "/"), window.location.href);
}

function questionPage(url) {
  return once("page " + url, async () => {
    const text = await (await ok(url)).text();
    return new DOMParser().parseFromString(text, "text/html");
  });
}

/** A question's answer as a detached element, from its own page (links made absolute). */
export async function fetchAnswer(root, question) {
  const pageUrl = new URL(question.url.split("#")[0], root).href;
  const doc = await questionPage(pageUrl);
  const details = doc.querySelector('.qb-body[data-qid="' + CSS.escape(question.id) + '"] details.answer');
  if (!details) throw new Error("the answer is not on its page");
  const holder = document.createElement("div");
  Array.prototype.forEach.call(details.children, (child) => {
    if (child.tagName !== "SUMMARY") holder.appendChild(document.importNode(child, true));
  });
  // Links and formula images are relative to the question page, not to this one.
  holder.querySelectorAll("a[href]").forEach((link) => {
    link.href = new URL(link.getAttribute("href"), pageUrl).href;
  });
  holder.querySelectorAll("img[src]").forEach((image) => {
    image.src = new URL(image.getAttribute("src"), pageUrl).href;
    image.loading = "eager";
  });
  return holder;
}

/** Show a question's answer in target, or a message and a retry button if it cannot be fetched. */
export async function showAnswer(root, question, target) {
  target.textContent = "";
  try {
    target.appendChild(await fetchAnswer(root, question));
    return true;
  } catch (error) {
    const message = document.createElement("p");
    message.className = "qb-fetch-error";
    message.setAttribute("role", "alert");
    message.textContent = "Could not load the answer (" + error.message + "). Check the connection and try again, or ";
    const link = document.createElement("a");
    link.href = new URL(question.url, root).href;
    link.textContent = "open the question's page";
    message.appendChild(link);
    message.appendChild(document.createTextNode("."));
    target.appendChild(message);
    return false;
  }
}
