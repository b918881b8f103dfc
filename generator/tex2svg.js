// Render LaTeX to self-contained SVG with MathJax, one JSON request per line on
// stdin and one JSON answer per line on stdout, so a build starts Node once.
// Request: {"tex": "...", "display": true}; answer: {"svg": "..."} or {"error": "..."}.
'use strict';
const readline = require('readline');
const {mathjax} = require('mathjax-full/js/mathjax.js');
const {TeX} = require('mathjax-full/js/input/tex.js');
const {SVG} = require('mathjax-full/js/output/svg.js');
const {liteAdaptor} = require('mathjax-full/js/adaptors/liteAdaptor.js');
const {RegisterHTMLHandler} = require('mathjax-full/js/handlers/html.js');
const {AllPackages} = require('mathjax-full/js/input/tex/AllPackages.js');

const adaptor = liteAdaptor();
RegisterHTMLHandler(adaptor);
let lastError = null;
const tex = new TeX({
  // Without noundefined an unknown macro raises instead of rendering in red;
  // without html, \href and \class cannot put links or scripts into the SVG.
  packages: AllPackages.filter((name) => !['bussproofs', 'noundefined', 'html'].includes(name)),
  // MathJax would draw a red error box in the page; we want the build to fail instead.
  formatError: (jax, err) => {
    lastError = err.message;
    return jax.formatError(err);
  },
});
// fontCache 'none' keeps each SVG self-contained: WeasyPrint and the site can
// place any formula anywhere without a shared glyph table.
const svg = new SVG({fontCache: 'none'});
const doc = mathjax.document('', {InputJax: tex, OutputJax: svg});

const lines = readline.createInterface({input: process.stdin, terminal: false});
lines.on('line', (line) => {
  let reply;
  try {
    const request = JSON.parse(line);
    lastError = null;
    const node = doc.convert(request.tex, {display: !!request.display, em: 16, ex: 8, containerWidth: 1280});
    const svgNode = adaptor.firstChild(node);
    adaptor.setAttribute(svgNode, 'role', 'img');
    // MathJax 3.2's serializer escapes only '"' in attribute values; a raw '<' or
    // '&' (as in p < 0.05 or a matrix) makes the SVG invalid XML, and a browser
    // then refuses the formula as an image file.
    adaptor.setAttribute(svgNode, 'aria-label', request.tex.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
    adaptor.removeAttribute(svgNode, 'focusable');
    // The data-* attributes only serve MathJax's menu; dropping them halves the size.
    const markup = adaptor.outerHTML(svgNode).replace(/ data-(?:mml-node|c)="[^"]*"/g, '');
    reply = lastError ? {error: lastError} : {svg: markup};
  } catch (err) {
    reply = {error: String(err && err.message ? err.message : err)};
  }
  process.stdout.write(JSON.stringify(reply) + '\n');
});
