// Draws a layout from GET /api/topology/layout as SVG, with pan (drag, arrow keys) and zoom (wheel,
// +/−, buttons). Components are shaped and coloured by risk (◆ critical, ▲ high, ■ medium, ● low),
// SPOFs ringed; groups are boxes with their counts. The server placed everything: no physics here.
import { el } from "./ui.js";

const DX = 120, DY = 90;
const COLOURS = { critical: "#b2182b", high: "#d6604d", medium: "#e0b341", low: "#4393c3" };

function shape(level) {
  const fill = COLOURS[level];
  switch (level) {
    case "critical": return el("polygon", { class: "shape", points: "0,-13 13,0 0,13 -13,0", fill, stroke: "#fff" });
    case "high": return el("polygon", { class: "shape", points: "0,-13 12,10 -12,10", fill, stroke: "#fff" });
    case "medium": return el("rect", { class: "shape", x: -10, y: -10, width: 20, height: 20, fill, stroke: "#fff" });
    default: return el("circle", { class: "shape", r: 10, fill, stroke: "#fff" });
  }
}

/**
 * Renders `layout` into a new element. `onSelect(id)` is called when a component is clicked (or
 * Enter is pressed on it); `onGroup(key)` when a group is. Returns {element, nodes: Map(id → <g>), focus(id)}.
 */
export function drawGraph(layout, { onSelect, onGroup, label }) {
  const svg = el("svg", { role: "group", tabindex: "0", "aria-label": `${label}. Arrow keys pan, + and − zoom.` });
  const world = el("g");
  svg.append(world);
  const nodes = new Map();
  const points = new Map();
  const focusable = layout.nodes.length <= 200;

  if (layout.mode === "components") {
    for (const n of layout.nodes) points.set(n.id, [n.x * DX, n.y * DY]);
    const paths = { critical: "", plain: "", optional: "" };
    for (const e of layout.edges) {
      const [x1, y1] = points.get(e.source), [x2, y2] = points.get(e.target);
      const kind = e.critical ? "critical" : e.dependency_type === "requires" ? "plain" : "optional";
      paths[kind] += `M${x1},${y1 + 12}L${x2},${y2 - 12}`;
    }
    for (const [kind, d] of Object.entries(paths)) if (d) world.append(el("path", { class: `edge ${kind === "plain" ? "" : kind}`, d }));
    for (const n of layout.nodes) {
      const [x, y] = points.get(n.id);
      const text = `${n.name} (${n.id}): ${n.type}, risk ${n.risk_level}${n.is_spof ? ", single point of failure" : ""}, ${n.replicas} replica${n.replicas === 1 ? "" : "s"}, zone ${n.zone}, team ${n.team}`;
      const g = el("g", { class: "node", transform: `translate(${x},${y})`, dataset: { id: n.id },
        tabindex: focusable ? "0" : null, role: focusable ? "button" : null, "aria-label": focusable ? text : null },
        el("title", {}, text), el("rect", { class: "hit", x: -30, y: -18, width: 60, height: 52 }), shape(n.risk_level),
        n.is_spof ? el("circle", { class: "ring", r: 17 }) : null,
        el("text", { y: 28, "text-anchor": "middle" }, n.id));
      nodes.set(n.id, g);
      world.append(g);
    }
  } else {
    const W = 100, H = 60;
    for (const g of layout.groups) points.set(g.key, [g.x * DX * 1.3, g.y * DY * 1.2]);
    for (const e of layout.group_edges) {
      const [x1, y1] = points.get(e.source), [x2, y2] = points.get(e.target);
      world.append(el("path", { class: `edge ${e.critical ? "critical" : ""}`, d: `M${x1},${y1 + H / 2}L${x2},${y2 - H / 2}`,
        "stroke-width": Math.min(8, 1 + Math.log2(e.count)) }, el("title", {}, `${e.count} dependencies (${e.critical} critical) from ${e.source} to ${e.target}`)));
    }
    for (const group of layout.groups) {
      const [x, y] = points.get(group.key);
      const text = `${layout.group_by} ${group.key}: ${group.count} components, ${group.spofs} SPOFs, worst risk ${group.worst_risk}. Open to drill down.`;
      const g = el("g", { class: "node group", transform: `translate(${x},${y})`, dataset: { id: group.key }, tabindex: "0", role: "button", "aria-label": text },
        el("title", {}, text),
        el("rect", { x: -W / 2, y: -H / 2, width: W, height: H, rx: 6 }),
        el("g", { transform: `translate(${-W / 2 + 12},${-H / 2 + 14}) scale(.7)` }, shape(group.worst_risk)),
        el("text", { x: -W / 2 + 24, y: -H / 2 + 18 }, group.key.length > 12 ? group.key.slice(0, 11) + "…" : group.key),
        el("text", { x: -W / 2 + 8, y: 6 }, `${group.count} comp.`),
        el("text", { x: -W / 2 + 8, y: 22 }, `${group.spofs} SPOF${group.spofs === 1 ? "" : "s"}`));
      nodes.set(group.key, g);
      world.append(g);
    }
  }

  // The view box: fit everything, then pan and zoom by changing it.
  const xs = [...points.values()].map(p => p[0]), ys = [...points.values()].map(p => p[1]);
  // At least eight columns wide and six rows high, so a handful of nodes is not blown up.
  const span = (values, least) => {
    const low = Math.min(...values), high = Math.max(...values), size = Math.max(high - low, least);
    return [(low + high) / 2 - size / 2, size];
  };
  const [fx, fw] = xs.length ? span(xs, 6 * DX) : [-DX, 2 * DX], [fy, fh] = ys.length ? span(ys, 5 * DY) : [-DY, 2 * DY];
  const fit = { x: fx - DX, y: fy - DY / 2, w: fw + 2 * DX, h: fh + DY };
  let box = { ...fit };
  const container = el("div", { class: "graph" });
  function apply() {
    svg.setAttribute("viewBox", `${box.x} ${box.y} ${box.w} ${box.h}`);
    const pixelsPerUnit = (container.clientWidth || 1000) / box.w;
    container.classList.toggle("far", pixelsPerUnit < 0.45 && layout.mode === "components");
  }
  function zoom(factor, cx = box.x + box.w / 2, cy = box.y + box.h / 2) {
    const w = Math.min(Math.max(box.w * factor, 100), fit.w * 4 + 1000);
    const h = box.h * (w / box.w);
    box = { x: cx - (cx - box.x) * (w / box.w), y: cy - (cy - box.y) * (h / box.h), w, h };
    apply();
  }
  svg.addEventListener("wheel", event => {
    event.preventDefault();
    const rect = svg.getBoundingClientRect();
    const cx = box.x + (event.clientX - rect.left) / rect.width * box.w, cy = box.y + (event.clientY - rect.top) / rect.height * box.h;
    zoom(event.deltaY > 0 ? 1.2 : 1 / 1.2, cx, cy);
  }, { passive: false });
  let drag = null;
  svg.addEventListener("pointerdown", event => {
    if (event.target.closest(".node")) return;
    drag = { x: event.clientX, y: event.clientY, box: { ...box } };
    svg.setPointerCapture(event.pointerId);
  });
  svg.addEventListener("pointermove", event => {
    if (!drag) return;
    const rect = svg.getBoundingClientRect();
    box = { ...drag.box, x: drag.box.x - (event.clientX - drag.x) / rect.width * box.w, y: drag.box.y - (event.clientY - drag.y) / rect.height * box.h };
    apply();
  });
  svg.addEventListener("pointerup", () => { drag = null; });
  svg.addEventListener("keydown", event => {
    const step = { ArrowLeft: [-0.1, 0], ArrowRight: [0.1, 0], ArrowUp: [0, -0.1], ArrowDown: [0, 0.1] }[event.key];
    if (step && event.target === svg) { box.x += step[0] * box.w; box.y += step[1] * box.h; apply(); event.preventDefault(); }
    else if (event.key === "+" || event.key === "=") zoom(1 / 1.25);
    else if (event.key === "-") zoom(1.25);
    else if (event.key === "Enter" || event.key === " ") {
      const node = event.target.closest && event.target.closest(".node");
      if (node) { event.preventDefault(); choose(node); }
    }
  });
  function choose(node) {
    if (node.classList.contains("group")) onGroup && onGroup(node.dataset.id);
    else onSelect && onSelect(node.dataset.id);
  }
  svg.addEventListener("click", event => {
    const node = event.target.closest(".node");
    if (node) choose(node);
  });
  const controls = el("div", { class: "controls" },
    el("button", { type: "button", "aria-label": "Zoom in", onclick: () => zoom(1 / 1.25) }, "+"),
    el("button", { type: "button", "aria-label": "Zoom out", onclick: () => zoom(1.25) }, "−"),
    el("button", { type: "button", onclick: () => { box = { ...fit }; apply(); } }, "Fit"));
  container.append(svg, controls);
  requestAnimationFrame(apply);
  apply();
  return {
    element: container,
    nodes,
    /** Centres the view on a component, zoomed in enough to read it. */
    focus(id) {
      const p = points.get(id);
      if (!p) return;
      const w = Math.min(fit.w, DX * 12), h = box.h * (w / box.w);
      box = { x: p[0] - w / 2, y: p[1] - h / 2, w, h };
      apply();
    },
  };
}

/** The legend of shapes, colours and marks (`extra`: more entries). */
export function legend(...extra) {
  const item = (level, text) => el("span", {}, el("svg", { width: 28, height: 28, viewBox: "-14 -14 28 28", "aria-hidden": "true" }, shape(level)), " ", text);
  return el("div", { class: "legend", "aria-label": "Legend" },
    item("critical", "critical"), item("high", "high"), item("medium", "medium"), item("low", "low"),
    el("span", {}, el("svg", { width: 28, height: 28, viewBox: "-14 -14 28 28", "aria-hidden": "true" }, el("circle", { r: 11, fill: "none", stroke: "#7a0a16", "stroke-width": 2, "stroke-dasharray": "3 2" })), " SPOF ring"),
    el("span", {}, "thick line: critical (requires, no fallback) · dashed: optional/async"), ...extra);
}
