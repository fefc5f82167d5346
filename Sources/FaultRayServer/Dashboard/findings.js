// Full run and findings: the scenario table (sortable, filterable, counts), the advice plan to a chosen
// number of nines, the risk heat map, cost at risk and compliance by framework.
import { api, failure, guarded } from "./app.js";
import { card, el, facts, num, risk, sortableTable } from "./ui.js";
import { fullRun, lastFullRun } from "./runs.js";

const FRAMEWORKS = [["soc2", "SOC 2"], ["pci-dss", "PCI DSS"], ["hipaa", "HIPAA"], ["iso27001", "ISO 27001"]];

export async function render(view) {
  const run = el("div", { id: "run-result" });
  const runButton = guarded("run_simulation", { class: "primary", id: "run", onclick: async () => {
    runButton.disabled = true;
    run.replaceChildren(el("p", { class: "muted", role: "status" }, "Running every scenario…"));
    try { showRun(await fullRun(), run); } catch (error) { run.replaceChildren(failure(error)); }
    runButton.disabled = false;
  } }, "Run all scenarios");
  if (lastFullRun()) showRun(lastFullRun(), run);
  else run.append(el("p", { class: "muted" }, "No full run in this tab yet."));

  const advice = el("div", { id: "advice" });
  const nines = el("select", { id: "target-nines", onchange: () => loadAdvice(advice, nines.value) },
    [2, 3, 3.5, 4, 4.5, 5].map(n => el("option", { value: n, selected: n === 4 }, `${n} nines`)));
  const compliance = el("div", { id: "compliance" });
  const framework = el("select", { id: "framework", onchange: () => loadCompliance(compliance, framework.value) },
    FRAMEWORKS.map(([id, name]) => el("option", { value: id }, name)));
  const [heat, cost] = await Promise.all([api("risk-heatmap"), api("cost-attribution"), loadAdvice(advice, 4), loadCompliance(compliance, "soc2")]);

  view.replaceChildren(
    el("h1", {}, "Full run and findings"),
    el("section", { class: "card", "aria-label": "Full run" }, el("h2", {}, "Full run"), el("div", { class: "row" }, runButton), run),
    el("div", { class: "grid stack" },
      card("Advice", el("div", { class: "row" }, el("label", { for: "target-nines" }, "Target"), nines), advice),
      card("Cost at risk", costView(cost))),
    el("section", { class: "card stack", "aria-label": "Risk heat map" }, el("h2", {}, "Risk heat map"), heatView(heat)),
    el("section", { class: "card stack", "aria-label": "Compliance" }, el("h2", {}, "Compliance"),
      el("div", { class: "row" }, el("label", { for: "framework" }, "Framework"), framework), compliance),
  );
}

function showRun(report, target) {
  const counts = facts([["Generated", String(report.generated)], ["Merged (same outcome)", String(report.merged)], ["Run", String(report.run)],
    ["Critical", String(report.critical)], ["Passed", String(report.passed)], ["Score", `${num(report.resilience_score, 1)} (${report.grade})`]]);
  const filter = el("input", { id: "scenario-filter", type: "search", placeholder: "name or category" });
  const severity = el("select", { id: "scenario-severity" }, ["all", "critical", "warning", "passed"].map(s => el("option", { value: s }, s)));
  const table = sortableTable([
    { key: "name", label: "scenario" }, { key: "category", label: "category" },
    { key: "severity", label: "severity", render: s => risk(s.severity) }, { key: "risk_score", label: "risk", num: true },
    { key: "total_affected", label: "affected", num: true }, { key: "components_down", label: "down", num: true },
  ], report.scenarios, `${report.scenarios.length} scenarios`);
  const apply = () => {
    const term = filter.value.trim().toLowerCase();
    table.update(report.scenarios.filter(s => (severity.value === "all" || s.severity === severity.value)
      && (!term || s.name.toLowerCase().includes(term) || s.category.includes(term))));
  };
  filter.addEventListener("input", apply);
  severity.addEventListener("change", apply);
  target.replaceChildren(counts,
    el("div", { class: "row", style: { margin: "8px 0" } }, el("label", { for: "scenario-filter" }, "Filter"), filter,
      el("label", { for: "scenario-severity" }, "Severity"), severity),
    table.element);
}

async function loadAdvice(target, nines) {
  try {
    const a = await api(`architecture-advice?target_nines=${nines}`);
    target.replaceChildren(el("p", {}, a.summary),
      a.plan.length ? el("ol", {}, a.plan.map(step => el("li", {}, step.description,
        el("span", { class: "muted" }, ` — ${num(step.nines_before)} → ${num(step.nines_after)} nines, effort ${step.effort}`)))) : el("p", { class: "muted" }, "No change needed."));
  } catch (error) {
    target.replaceChildren(failure(error));
  }
}

async function loadCompliance(target, framework) {
  try {
    const c = await api(`compliance/${framework}`);
    target.replaceChildren(el("p", {}, `${c.name}: ${num(c.compliance_percent, 1)}% compliant — ${c.summary.passed} passed, ${c.summary.partial} partial, ${c.summary.failed} failed, ${c.summary.not_applicable} not applicable.`),
      sortableTable([{ key: "id", label: "control" }, { key: "title", label: "title" },
        { key: "status", label: "status", render: r => el("span", { class: `risk ${{ pass: "passed", partial: "warning", fail: "critical" }[r.status] || ""}` }, r.status) },
        { key: "finding", label: "finding" }], c.controls).element);
  } catch (error) {
    target.replaceChildren(failure(error));
  }
}

function costView(cost) {
  return el("div", {},
    el("div", { class: "big" }, `$${num(cost.total_annual_cost_at_risk, 0)}`),
    el("p", { class: "muted" }, `a year at risk, at $${num(cost.revenue_per_hour, 0)} revenue an hour`),
    sortableTable([{ key: "name", label: "team" }, { key: "annual_cost_at_risk", label: "$ a year", num: true },
      { key: "percentage_of_total", label: "% of total", num: true }], cost.teams).element,
    cost.cost_reduction_opportunities.length ? el("div", {}, el("h3", {}, "Savings"), el("ul", {}, cost.cost_reduction_opportunities.slice(0, 5).map(o =>
      el("li", {}, o.description, el("span", { class: "muted" }, ` — $${num(o.net_annual_savings, 0)} a year net`))))) : null);
}

/** Components × risk dimensions, each cell shaded by its value and showing the value as text. */
function heatView(heat) {
  const dimensions = Object.keys(heat.dimension_weights);
  const rows = [...heat.components].sort((a, b) => b.overall_risk - a.overall_risk).slice(0, 40);
  const shade = v => `hsl(${210 - 210 * v}, 70%, ${92 - 40 * v}%)`;
  return el("div", {},
    el("p", {}, `Overall risk ${num(heat.overall_risk_score, 3)} · distribution: ${Object.entries(heat.risk_distribution).map(([k, v]) => `${k} ${v}`).join(", ")}`
      + (heat.components.length > rows.length ? ` · the ${rows.length} riskiest of ${heat.components.length} shown` : "")),
    el("div", { class: "scroll" }, el("table", { class: "heat" },
      el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "component"), el("th", { scope: "col" }, "overall"),
        dimensions.map(d => el("th", { scope: "col" }, `${d.replace(/_/g, " ")} (×${heat.dimension_weights[d]})`)))),
      el("tbody", {}, rows.map(c => el("tr", {}, el("th", { scope: "row" }, c.component_id),
        el("td", { class: "cell" }, risk(c.heat_level), " ", num(c.overall_risk, 2)),
        dimensions.map(d => el("td", { class: "cell", style: { background: shade(c.risk_scores[d]), color: c.risk_scores[d] > 0.6 ? "#fff" : "#1b1f24" } }, num(c.risk_scores[d], 2))))))),
  ));
}
