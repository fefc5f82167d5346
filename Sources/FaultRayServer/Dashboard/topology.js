// Topology: the server's layered layout, filtered by layer, type, team, zone and region; large models
// come aggregated into groups, and opening a group filters on it (drill-down).
import { api } from "./app.js";
import { drawGraph, legend } from "./graph.js";
import { card, el, facts, risk, spofBadge } from "./ui.js";

const DIMENSIONS = ["layer", "type", "team", "zone", "region"];

/** The hash of the topology page with `params`. */
function go(params) {
  location.hash = `topology${params.toString() ? "?" + params : ""}`;
}

export async function render(view, params) {
  const query = new URLSearchParams();
  for (const key of [...DIMENSIONS, "group_by"]) if (params.get(key)) query.set(key, params.get(key));
  const layout = await api(`topology/layout?${query}`);
  const details = el("div", { id: "details" }, el("p", { class: "muted" }, "Select a component to see it here."));

  const chips = el("div", { class: "chips", "aria-label": "Active filters" }, DIMENSIONS.filter(d => params.get(d)).map(d =>
    el("span", { class: "chip" }, `${d}: ${params.get(d)}`, el("button", { type: "button", "aria-label": `Remove filter ${d}`,
      onclick: () => { const next = new URLSearchParams(params); next.delete(d); go(next); } }, "×"))));

  // Filters offer the values of the components shown (in groups mode: drill into a group instead).
  const selects = DIMENSIONS.map(d => {
    const values = [...new Set(layout.nodes.map(n => n[d]))].sort();
    const select = el("select", { id: `filter-${d}`, disabled: layout.mode !== "components" || (values.length < 2 && !params.get(d)),
      onchange: event => { const next = new URLSearchParams(params); if (event.target.value) next.set(d, event.target.value); else next.delete(d); go(next); } },
      el("option", { value: "" }, "all"), values.map(v => el("option", { value: v, selected: params.get(d) === v }, v)));
    return el("span", {}, el("label", { for: `filter-${d}` }, `${d} `), select);
  });
  const groupBy = el("select", { id: "group-by", onchange: event => {
    const next = new URLSearchParams(params); if (event.target.value === "auto") next.delete("group_by"); else next.set("group_by", event.target.value); go(next);
  } }, ["auto", ...DIMENSIONS].map(v => el("option", { value: v, selected: (params.get("group_by") || "auto") === v }, v)));

  const byId = new Map(layout.nodes.map(n => [n.id, n]));
  const graph = drawGraph(layout, {
    label: layout.mode === "components" ? `Dependency graph of ${layout.shown_components} components` : `${layout.groups.length} groups by ${layout.group_by}`,
    onSelect: id => showDetails(byId.get(id), details, graph),
    onGroup: key => { const next = new URLSearchParams(params); next.delete("group_by"); next.set(layout.group_by, key); go(next); },
  });

  const search = el("input", { id: "search", type: "search", list: "component-ids", placeholder: "id or name", autocomplete: "off" });
  const found = el("span", { class: "muted", role: "status" });
  function find() {
    const term = search.value.trim().toLowerCase();
    let first = null, count = 0;
    for (const [id, node] of graph.nodes) {
      const item = byId.get(id) || { id, name: id };
      const hit = term && (id.toLowerCase().includes(term) || item.name.toLowerCase().includes(term));
      node.classList.toggle("match", !!hit);
      if (hit) { count++; first = first || item; }
    }
    found.textContent = term ? `${count} found` : "";
    if (first) { graph.focus(first.id); if (first.type) showDetails(first, details, graph); }
  }
  search.addEventListener("keydown", event => { if (event.key === "Enter") { event.preventDefault(); find(); } });
  search.addEventListener("change", find);

  const summary = layout.mode === "components"
    ? `${layout.shown_components} of ${layout.matching_components} matching components (model: ${layout.total_components}) in ${layout.layers} layers.`
      + (layout.shown_components < layout.matching_components ? ` Only the first ${layout.limit} are drawn: add a filter.` : "")
    : `${layout.matching_components} components in ${layout.groups.length} groups by ${layout.group_by} (more than ${layout.limit} to draw one by one). Open a group to drill down.`;

  view.replaceChildren(
    el("h1", {}, "Topology"),
    el("div", { class: "row", role: "search" },
      el("label", { for: "search" }, "Find"), search, el("button", { type: "button", onclick: find }, "Find"), found,
      el("datalist", { id: "component-ids" }, layout.nodes.slice(0, 2000).map(n => el("option", { value: n.id })))),
    el("div", { class: "row", style: { margin: "8px 0" } }, selects, el("span", {}, el("label", { for: "group-by" }, "group by "), groupBy)),
    chips,
    el("p", { class: "muted", id: "layout-summary" }, summary),
    el("div", { class: "split" }, el("div", {}, graph.element, legend()), card("Component", details)),
  );
}

function showDetails(node, details, graph) {
  if (!node) return;
  for (const [, g] of graph.nodes) g.classList.remove("root");
  graph.nodes.get(node.id)?.classList.add("root");
  details.replaceChildren(
    el("h3", {}, node.name, " ", node.is_spof ? spofBadge() : null),
    facts([["id", node.id], ["type", node.type], ["risk", risk(node.risk_level)], ["replicas", String(node.replicas)], ["health", node.health],
      ["layer", node.layer], ["team", node.team], ["zone", node.zone], ["region", node.region]]),
    el("p", {}, el("a", { href: `#blast?component=${encodeURIComponent(node.id)}` }, "Fail it (blast radius)"), " · ",
      el("a", { href: `#whatif?component=${encodeURIComponent(node.id)}` }, "What if…")));
}
