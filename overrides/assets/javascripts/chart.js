/* A small bar chart as inline SVG, drawn with DOM calls (no chart library).
 *
 * Colours come from CSS (currentColor and classes), so the chart follows the
 * light and dark palettes; each bar carries a <title> for pointer users and
 * the whole chart an aria-label that says what it shows in words.
 */
const SVG = "http://www.w3.org/2000/svg";

function node(name, attributes, text) {
  const element = document.createElementNS(SVG, name);
  Object.keys(attributes || {}).forEach((key) => element.setAttribute(key, String(attributes[key])));
  if (text !== undefined) element.textContent = text;
  return element;
}

/**
 * bars: [{label, value, title, highlight}]; label is shown under the bar (may be "").
 * Returns an <svg> that scales to its container's width.
 */
export function barChart(bars, { description, className }) {
  const width = 560;
  const height = 180;
  const top = 18;
  const bottom = 34;
  const left = 8;
  const plot = height - top - bottom;
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const step = (width - 2 * left) / bars.length;
  const svg = node("svg", {
    viewBox: "0 0 " + width + " " + height,
    role: "img",
    "aria-label": description,
    class: "qb-chart " + (className || ""),
    preserveAspectRatio: "xMidYMid meet",
  });
  svg.appendChild(node("line", { x1: left, x2: width - left, y1: top + plot, y2: top + plot, class: "qb-chart__axis" }));
  bars.forEach((bar, index) => {
    const h = Math.round((bar.value / max) * plot);
    const x = left + index * step + step * 0.15;
    const group = node("g", { class: "qb-chart__bar" + (bar.highlight ? " qb-chart__bar--highlight" : "") });
    group.appendChild(node("title", {}, bar.title));
    // A sliver even for zero, so an empty day still reads as a day.
    group.appendChild(node("rect", { x, y: top + plot - Math.max(h, 1), width: step * 0.7, height: Math.max(h, 1), rx: 2 }));
    if (bar.value > 0) {
      group.appendChild(
        node("text", { x: x + step * 0.35, y: top + plot - h - 4, "text-anchor": "middle", class: "qb-chart__value" }, String(bar.value))
      );
    }
    if (bar.label) {
      group.appendChild(
        node("text", { x: x + step * 0.35, y: height - bottom + 16, "text-anchor": "middle", class: "qb-chart__label" }, bar.label)
      );
    }
    svg.appendChild(group);
  });
  return svg;
}
