// Small DOM helpers shared by the pages: element building, risk labels, tables, charts.

/** Builds an element: el("p", {class: "x", onclick: f}, "text", child…). */
export function el(tag, attrs = {}, ...children) {
  const svg = ["svg", "g", "line", "path", "circle", "rect", "polygon", "text", "title", "polyline"].includes(tag);
  const node = svg ? document.createElementNS("http://www.w3.org/2000/svg", tag) : document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key === "style") Object.assign(node.style, value); // CSSOM: allowed by the page's content security policy

    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/** A risk or severity label: colour, shape and word. */
export function risk(level) {
  return el("span", { class: `risk ${level}` }, level);
}

export function spofBadge() {
  return el("span", { class: "spof", title: "single point of failure" }, "SPOF");
}

/** A number with at most `digits` decimals. */
export function num(value, digits = 2) {
  return value === undefined || value === null ? "–" : Number(value).toLocaleString("en-US", { maximumFractionDigits: digits });
}

/** "99.72% (2.55 nines)". */
export function availability(figures) {
  return `${figures.percent}% (${num(figures.nines)} nines)`;
}

export function card(title, ...children) {
  return el("section", { class: "card", "aria-label": title }, el("h2", {}, title), ...children);
}

/** A definition list of [label, value] pairs. */
export function facts(pairs) {
  return el("dl", { class: "kv" }, pairs.flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]));
}

/**
 * A table sortable by clicking a header (keyboard: the headers are buttons). `columns`: [{key, label,
 * num, render(row)}]. Returns {element, update(rows)}.
 */
export function sortableTable(columns, rows, caption) {
  let sortKey = null, descending = false, current = rows;
  const tbody = el("tbody");
  const headers = columns.map(column => {
    const button = el("button", { type: "button", class: "sort", onclick: () => {
      descending = sortKey === column.key ? !descending : !!column.num;
      sortKey = column.key;
      draw();
    } }, column.label);
    return el("th", { scope: "col", class: column.num ? "num" : "" }, button);
  });
  const table = el("table", {}, caption ? el("caption", { class: "muted" }, caption) : null, el("thead", {}, el("tr", {}, headers)), tbody);
  function draw() {
    const sorted = [...current];
    if (sortKey) {
      sorted.sort((a, b) => {
        const x = a[sortKey], y = b[sortKey];
        const order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
        return descending ? -order : order;
      });
    }
    headers.forEach((th, i) => th.setAttribute("aria-sort", columns[i].key === sortKey ? (descending ? "descending" : "ascending") : "none"));
    tbody.replaceChildren(...sorted.map(row => el("tr", {}, columns.map(column =>
      el("td", { class: column.num ? "num" : "" }, column.render ? column.render(row) : (column.num ? num(row[column.key]) : row[column.key]))))));
  }
  draw();
  return { element: el("div", { class: "scroll" }, table), update(rows) { current = rows; draw(); } };
}

/** A line chart of [{x: label, y: value}] in SVG, with its figures also in a <title> for screen readers. */
export function lineChart(points, label, yMax = 100) {
  const width = 600, height = 180, left = 34, bottom = 22;
  const svg = el("svg", { class: "chart", viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": label });
  svg.append(el("title", {}, `${label}: ${points.map(p => `${p.x} ${p.y}`).join(", ")}`));
  const y = v => (height - bottom) - (v / yMax) * (height - bottom - 8);
  const x = i => left + (points.length < 2 ? (width - left) / 2 : i * (width - left - 8) / (points.length - 1));
  for (const tick of [0, 50, 100]) {
    svg.append(el("line", { class: "axis", x1: left, x2: width, y1: y(tick), y2: y(tick), "stroke-dasharray": tick ? "2 4" : null }));
    svg.append(el("text", { x: 4, y: y(tick) + 4 }, tick));
  }
  if (points.length) {
    svg.append(el("polyline", { class: "line", points: points.map((p, i) => `${x(i)},${y(p.y)}`).join(" ") }));
    points.forEach((p, i) => svg.append(el("circle", { cx: x(i), cy: y(p.y), r: 3, fill: "#1f5fae" }, el("title", {}, `${p.x}: ${p.y}`))));
    svg.append(el("text", { x: left, y: height - 4 }, points[0].x));
    if (points.length > 1) svg.append(el("text", { x: width - 150, y: height - 4 }, points[points.length - 1].x));
  }
  return svg;
}

/** A horizontal bar for a share from 0 to 1. */
export function bar(share, label) {
  return el("div", { class: "bar", role: "img", "aria-label": label }, el("span", { style: { width: `${Math.max(0, Math.min(1, share)) * 100}%` } }));
}
