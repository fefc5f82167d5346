// What-if: per-component replicas, failover, circuit breakers (on the dependencies to it), autoscaling
// and health checks; score, availability and SPOFs recomputed by POST /api/whatif/calculate as they
// change; the modified model downloadable as YAML (POST /api/whatif/export).
import { api, failure, guarded, session } from "./app.js";
import { availability, card, el, facts, num } from "./ui.js";

const PAGE = 40;
const TOGGLES = [["failover", "failover"], ["circuit_breaker", "circuit breaker"], ["autoscaling", "autoscaling"], ["health_check", "health check"]];

export async function render(view, params) {
  const model = await api("infrastructure");
  const modifications = {};
  // Each component's current settings, as the what-if reads them.
  const incoming = new Map();
  for (const d of model.dependencies) {
    if (!incoming.has(d.target)) incoming.set(d.target, []);
    incoming.get(d.target).push(d);
  }
  const current = c => ({
    replicas: c.replicas ?? 1,
    failover: !!(c.failover && c.failover.enabled),
    autoscaling: !!(c.autoscaling && c.autoscaling.enabled),
    health_check: (c.failover?.health_check_interval_seconds ?? 10) > 0,
    circuit_breaker: (incoming.get(c.id) || []).length > 0 && incoming.get(c.id).every(d => d.circuit_breaker && d.circuit_breaker.enabled),
  });
  const allowed = session.can("run_simulation");
  const results = el("div", { id: "whatif-result", "aria-live": "polite" }, el("p", { class: "muted" }, allowed ? "Change a setting to see its effect." : "Your API key lacks the 'run_simulation' permission: what-if is read-only."));
  const download = guarded("run_simulation", { id: "download", onclick: exportYAML }, "Download modified YAML");
  const reset = el("button", { type: "button", onclick: () => { for (const k of Object.keys(modifications)) delete modifications[k]; drawRows(); calculate(); } }, "Reset");

  let pending = null, sequence = 0;
  function changed(id, key, value) {
    const base = current(model.components.find(c => c.id === id));
    const entry = modifications[id] || {};
    if (base[key] === value) delete entry[key]; else entry[key] = value;
    if (Object.keys(entry).length) modifications[id] = entry; else delete modifications[id];
    clearTimeout(pending);
    pending = setTimeout(calculate, 200);
  }

  async function calculate() {
    const ticket = ++sequence;
    results.setAttribute("aria-busy", "true");
    try {
      const r = await api("whatif/calculate", { method: "POST", body: { modifications } });
      if (ticket !== sequence) return;
      results.replaceChildren(
        el("div", { class: "big", id: "whatif-score" }, num(r.resilience_score, 1)),
        el("p", {}, `grade ${r.grade} · baseline ${num(r.baseline_score, 1)} · `, el("strong", { id: "whatif-delta" }, `${r.delta >= 0 ? "+" : ""}${num(r.delta, 1)}`)),
        facts([["Availability", availability(r.availability)], ["Baseline", availability(r.baseline_availability)],
          ["SPOFs", `${r.spof_count} (baseline ${r.baseline_spof_count})`], ["Changes", `${Object.keys(modifications).length} components`]]),
        r.recommendations.length ? el("details", {}, el("summary", {}, `${r.recommendations.length} recommendations`), el("ul", {}, r.recommendations.map(t => el("li", {}, t)))) : null);
    } catch (error) {
      if (ticket === sequence) results.replaceChildren(failure(error));
    }
    results.setAttribute("aria-busy", "false");
    results.dataset.sequence = String(ticket);
  }

  async function exportYAML() {
    try {
      const response = await api("whatif/export", { method: "POST", body: { modifications }, raw: true });
      const url = URL.createObjectURL(await response.blob());
      const link = el("a", { href: url, download: "whatif-modified.yaml" });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (error) {
      results.replaceChildren(failure(error));
    }
  }

  const filter = el("input", { id: "whatif-filter", type: "search", placeholder: "filter by id or type", value: params.get("component") || "" });
  const tbody = el("tbody");
  const shown = el("p", { class: "muted", role: "status" });
  function drawRows() {
    const term = filter.value.trim().toLowerCase();
    const rows = model.components.filter(c => !term || c.id.toLowerCase().includes(term) || (c.type || "").includes(term));
    shown.textContent = `${Math.min(rows.length, PAGE)} of ${rows.length} components shown${rows.length > PAGE ? " (filter to see others)" : ""}.`;
    tbody.replaceChildren(...rows.slice(0, PAGE).map(c => {
      const settings = { ...current(c), ...(modifications[c.id] || {}) };
      const replicas = el("input", { type: "number", min: 1, max: 100000, value: settings.replicas, id: `replicas-${c.id}`, disabled: !allowed,
        "aria-label": `replicas of ${c.id}`, onchange: event => {
          const value = Number(event.target.value);
          if (Number.isInteger(value) && value >= 1) changed(c.id, "replicas", value);
        } });
      return el("tr", { dataset: { id: c.id } }, el("th", { scope: "row" }, c.id, el("div", { class: "muted" }, c.type || "custom")),
        el("td", {}, replicas),
        TOGGLES.map(([key, label]) => el("td", {}, el("input", { type: "checkbox", checked: settings[key], disabled: !allowed,
          "aria-label": `${label} of ${c.id}`, onchange: event => changed(c.id, key, event.target.checked) }))));
    }));
  }
  filter.addEventListener("input", drawRows);
  drawRows();

  view.replaceChildren(
    el("h1", {}, "What-if"),
    el("div", { class: "split" },
      card("Components",
        el("div", { class: "row" }, el("label", { for: "whatif-filter" }, "Filter"), filter, reset, shown),
        el("div", { class: "scroll" }, el("table", {},
          el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "component"), el("th", { scope: "col" }, "replicas"),
            TOGGLES.map(([, label]) => el("th", { scope: "col" }, label)))), tbody))),
      el("div", {}, card("Result", results), el("div", { class: "row", style: { marginTop: "8px" } }, download))),
  );
  if (allowed) calculate();
}
