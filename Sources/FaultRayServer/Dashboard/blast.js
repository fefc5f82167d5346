// Blast radius: fail a component (click it in the graph, or pick it) and watch the cascade wave by
// wave, with each component's time, reason and cause, and the summary beside it.
import { api, failure, session } from "./app.js";
import { drawGraph, legend } from "./graph.js";
import { card, el, facts, num, risk } from "./ui.js";

const STEP_MS = 600;

export async function render(view, params) {
  const layout = await api("topology/layout");
  const result = el("div", { id: "cascade", "aria-live": "polite" }, el("p", { class: "muted" },
    session.can("run_simulation") ? "Click a component, or pick one above, to fail it." : "Your API key lacks the 'run_simulation' permission: failures cannot be simulated."));
  const ids = layout.mode === "components" ? layout.nodes.map(n => n.id) : [];
  const graph = layout.mode === "components"
    ? drawGraph(layout, { label: "Click a component to fail it", onSelect: id => fail(id) })
    : null;
  const picker = el("input", { id: "fail-id", list: "fail-ids", autocomplete: "off", placeholder: "component id", value: params.get("component") || "" });
  const button = el("button", { type: "button", class: "primary", disabled: !session.can("run_simulation"), onclick: () => fail(picker.value.trim()) }, "Fail it");
  picker.addEventListener("keydown", event => { if (event.key === "Enter") fail(picker.value.trim()); });
  let timer = null;

  async function fail(id) {
    if (!id || !session.can("run_simulation")) return;
    picker.value = id;
    clearInterval(timer);
    let cascade;
    try {
      cascade = await api(`simulate-failure/${encodeURIComponent(id)}`, { method: "POST" });
    } catch (error) {
      result.replaceChildren(failure(error));
      return;
    }
    const waves = el("ol", { class: "waves", id: "waves", "aria-label": `Cascade of ${id}` }, cascade.waves.map(wave =>
      el("li", { dataset: { wave: wave.wave, time: wave.time_seconds } },
        el("strong", {}, `Wave ${wave.wave} · t+${num(wave.time_seconds)} s`),
        el("ul", {}, wave.components.map(c => el("li", { dataset: { component: c.id, health: c.health, time: c.time_seconds, cause: c.caused_by || "", reason: c.reason } },
          el("strong", {}, c.id), ` ${c.health} at t+${num(c.time_seconds)} s`, c.caused_by ? ` (caused by ${c.caused_by})` : "", el("br"),
          el("span", { class: "muted" }, c.reason)))))));
    result.replaceChildren(
      el("div", { class: "row" }, el("button", { type: "button", onclick: () => play(cascade, waves) }, "Replay"),
        el("span", { class: "muted" }, `${cascade.waves.length} waves`)),
      waves);
    summary.replaceChildren(facts([
      ["Root cause", cascade.root_cause], ["Severity", risk(cascade.severity)], ["Risk score", num(cascade.risk_score, 1)],
      ["Affected", `${cascade.total_affected} components`], ["Blast radius", `${num(cascade.blast_radius_score * 100, 0)}% of the system`],
      ["Recovery", `${cascade.recovery_time_estimate} (${num(cascade.recovery_time_minutes)} min)`],
      ["Likelihood", num(cascade.likelihood, 4)], ["Expected impact", `${num(cascade.expected_annual_impact_minutes)} min/year`]]));
    play(cascade, waves);
  }

  /** Marks the components down wave by wave on the graph, the current wave highlighted in the list. */
  function play(cascade, waves) {
    clearInterval(timer);
    if (graph) for (const [, g] of graph.nodes) g.classList.remove("down", "root");
    if (graph) graph.nodes.get(cascade.root_cause)?.classList.add("root");
    let step = 0;
    const show = () => {
      const wave = cascade.waves[step];
      [...waves.children].forEach((li, i) => li.classList.toggle("current", i === step));
      if (graph) for (const c of wave.components) if (c.health === "down") graph.nodes.get(c.id)?.classList.add("down");
      if (++step >= cascade.waves.length) clearInterval(timer);
    };
    if (cascade.waves.length) { show(); timer = setInterval(show, STEP_MS); }
  }

  const summary = el("div", { id: "summary" }, el("p", { class: "muted" }, "No failure yet."));
  view.replaceChildren(
    el("h1", {}, "Blast radius"),
    el("div", { class: "row" }, el("label", { for: "fail-id" }, "Component"), picker, button,
      el("datalist", { id: "fail-ids" }, ids.slice(0, 2000).map(id => el("option", { value: id })))),
    el("div", { class: "split", style: { marginTop: "8px" } },
      el("div", {}, graph ? [graph.element, legend(el("span", {}, "black fill: down in the cascade · yellow outline: the failed component"))] : el("p", { class: "muted" }, `${layout.matching_components} components: too many to draw here; pick one by id.`)),
      el("div", {}, card("Summary", summary), el("div", { style: { marginTop: "12px" } }, card("Cascade", result)))),
  );
  if (params.get("component")) fail(params.get("component"));
}
