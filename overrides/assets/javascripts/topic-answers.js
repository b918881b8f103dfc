/* A topic page's answers, brought in from the questions' own pages as the reader opens them.
 *
 * The topic page carries each answer's short form and a link to its page
 * (question-body.html.j2); the whole answer of a long, code-heavy topic would
 * make the page too heavy to load on a phone. Opening an answer fetches its
 * question page (once a visit, fetches.js), puts the answer in place of the
 * short form, and asks main.js to mount the tools inside it (a case study's
 * rubric). Pointing at or focusing the summary starts the fetch early.
 * The theme adds its copy buttons to code blocks only as a page loads, so
 * the blocks brought in get the same buttons here; the theme's own click
 * handler (delegated to the document) does the copying.
 */
import { fetchAnswer, showAnswer, siteRoot, themeConfig } from "./fetches.js";

// Code-block ids are numbered from 0 on every page: two answers brought onto
// one page would repeat them.
const PAGE_LOCAL_ID = /^__(code|span)_?/;

/** The theme's copy button on each code block in holder, as the theme makes them (pre#id > nav > button). */
export function addCopyButtons(holder, qid, config) {
  if (!(config.features || []).includes("content.code.copy")) return;
  const title = (config.translations || {})["clipboard.copy"] || "Copy to clipboard";
  holder.querySelectorAll("pre > code").forEach((code, index) => {
    const pre = code.parentElement;
    if (pre.querySelector(".md-code__nav")) return;
    pre.id = "qb-code-" + qid + "-" + index;
    const nav = document.createElement("nav");
    nav.className = "md-code__nav";
    const button = document.createElement("button");
    button.className = "md-code__button";
    button.title = title;
    button.setAttribute("data-clipboard-target", "#" + pre.id + " > code");
    button.setAttribute("data-md-type", "copy");
    nav.appendChild(button);
    pre.insertBefore(nav, code);
  });
}

function questionOf(details) {
  const page = new URL(details.getAttribute("data-page"), window.location.href).href;
  return { id: details.getAttribute("data-qid"), url: page };
}

function place(details, holder) {
  holder.querySelectorAll("[id]").forEach((element) => {
    if (PAGE_LOCAL_ID.test(element.id)) element.removeAttribute("id");
  });
  addCopyButtons(holder, details.getAttribute("data-qid"), themeConfig());
  Array.from(details.children).forEach((child) => {
    if (child.tagName !== "SUMMARY") child.remove();
  });
  details.append(...holder.childNodes);
  details.setAttribute("data-loaded", "");
  details.dispatchEvent(new CustomEvent("qb:content", { bubbles: true }));
}

export function mountAnswer(details) {
  let loading = null;
  const question = questionOf(details);

  function early() {
    fetchAnswer(siteRoot(), question).catch(() => {}); // the open below reports a failure
  }

  async function load() {
    if (loading || details.hasAttribute("data-loaded")) return;
    details.setAttribute("aria-busy", "true");
    const holder = document.createElement("div");
    const old = details.querySelector(".qb-fetch-error");
    loading = showAnswer(siteRoot(), question, holder);
    const ok = await loading;
    loading = null;
    details.removeAttribute("aria-busy");
    if (old) old.remove();
    if (ok) place(details, holder);
    else details.append(...holder.childNodes); // the message; closing and opening again retries
  }

  function toggled() {
    if (details.open) load();
  }

  const summary = details.querySelector("summary");
  details.addEventListener("toggle", toggled);
  summary.addEventListener("pointerenter", early, { once: true });
  summary.addEventListener("focus", early, { once: true });
  if (details.open) load(); // opened before this module arrived
  return {
    cleanup() {
      details.removeEventListener("toggle", toggled);
      summary.removeEventListener("pointerenter", early);
      summary.removeEventListener("focus", early);
    },
  };
}
