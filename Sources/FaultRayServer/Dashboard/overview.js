// Overview: score and grade, availability with its interval, SPOFs, the worst scenarios of a full
// run, what to fix first and the score history.
import { api, failure, guarded, refresh } from "./app.js";
import { availability, card, el, facts, lineChart, num, risk, spofBadge } from "./ui.js";
import { fullRun, lastFullRun } from "./runs.js";

export async function render(view) {
  let summary;
  try {
    summary = await api("v2/dashboard/summary");
  } catch (error) {
    if (error.status !== 400) throw error;
    // No model yet: offer the demo.
    view.replaceChildren(el("h1", {}, "Overview"), failure(error),
      guarded("create_project", { class: "primary", onclick: async () => { await api("/demo"); refresh(); } }, "Load the demo"));
    return;
  }
  const [reliability, topology, history, explanation] = await Promise.all([
    api("availability"), api("topology"), api("score-history?limit=50"), api("score-explanation"),
  ]);
  const weakest = reliability.entry_points.find(e => e.entry === reliability.weakest) || reliability.entry_points[0];
  const interval = weakest && weakest.interval;
  const spofs = topology.nodes.filter(n => n.is_spof);

  const worst = el("div", {}, worstScenarios(lastFullRun()));
  const runButton = guarded("run_simulation", { onclick: async () => {
    runButton.disabled = true;
    runButton.textContent = "Running…";
    try { worst.replaceChildren(worstScenarios(await fullRun())); } catch (error) { worst.replaceChildren(failure(error)); }
    runButton.disabled = false;
    runButton.textContent = "Run all scenarios";
  } }, "Run all scenarios");

  view.replaceChildren(
    el("h1", {}, summary.name || "Overview"),
    el("div", { class: "grid" },
      card("Resilience score",
        el("div", { class: "big", id: "score" }, num(summary.resilience_score, 1)),
        el("p", {}, "Grade ", el("strong", { id: "grade" }, summary.grade), ` · ${summary.components} components, ${summary.dependencies} dependencies`)),
      card("Availability",
        el("div", { class: "big" }, `${num(summary.availability.nines)} nines`),
        facts([
          ["Overall", `${summary.availability.percent}%`],
          ["Downtime a year", `${num(summary.availability.annual_downtime_minutes, 0)} min`],
          ["Weakest entry", weakest ? `${weakest.entry} (${weakest.method})` : "–"],
          ["Interval", interval && interval.low_percent !== interval.high_percent ? `${interval.low_percent}% – ${interval.high_percent}% (95 %)` : "none: computed exactly"],
        ])),
      card("Single points of failure",
        el("div", { class: "big" }, String(summary.spof_count)),
        spofs.length ? el("ul", {}, spofs.slice(0, 12).map(n => el("li", {}, el("a", { href: `#blast?component=${encodeURIComponent(n.id)}` }, n.name), " ", spofBadge(), " ", risk(n.risk_level))))
          : el("p", { class: "muted" }, "None."),
        spofs.length > 12 ? el("p", { class: "muted" }, `and ${spofs.length - 12} more (see Topology)`) : null),
    ),
    el("div", { class: "grid stack" },
      card("Fix first", fixFirst(explanation)),
      card("Worst scenarios", worst, el("div", { class: "row" }, runButton,
        summary.last_run ? el("span", { class: "muted" }, `last full run ${summary.last_run.timestamp}, score ${summary.last_run.score}`) : null)),
      el("section", { class: "card", "aria-label": "Score history" }, el("h2", {}, "Score history"),
        lineChart([...history.history].reverse().map(h => ({ x: h.timestamp.slice(0, 16).replace("T", " "), y: h.score })), "Resilience score over time"),
        el("p", { class: "muted" }, `${history.count} ${history.count === 1 ? "entry" : "entries"}: every model change and full run.`)),
    ),
  );
}

// Each finding's share of the deficit, and what applying its fix alone earns (measured with what-if).
function fixFirst(explanation) {
  const findings = explanation.findings.slice(0, 5);
  if (!findings.length) return el("p", { class: "muted" }, "Nothing costs points.");
  return el("div", {},
    el("ol", {}, findings.map(f => el("li", {},
      el("strong", {}, f.gain === undefined ? `${num(f.points, 2)} of the deficit` : `fixing it earns +${num(f.gain, 1)}`),
      " — ", f.message, el("br"),
      el("span", { class: "muted" }, f.gain === undefined ? `${f.advice} (a change of structure: no what-if)` : `${f.advice}; costs ${num(f.points, 2)} of the deficit`)))),
    el("p", { class: "muted" }, explanation.sharing));
}

function worstScenarios(report) {
  if (!report) return el("p", { class: "muted" }, "No full run in this tab yet.");
  const worst = [...report.scenarios].sort((a, b) => b.risk_score - a.risk_score).slice(0, 5);
  return el("ol", {}, worst.map(s => el("li", {}, risk(s.severity), " ", s.name, el("span", { class: "muted" }, ` — risk ${num(s.risk_score, 1)}, ${s.total_affected} affected`))));
}
