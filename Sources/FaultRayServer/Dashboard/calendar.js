// Calendar: scheduled chaos experiments (with the upcoming runs and coverage) and blackout windows.
import { api, failure, guarded, refresh } from "./app.js";
import { bar, card, el, num } from "./ui.js";

/** A datetime-local value as ISO 8601 in UTC. */
const iso = value => new Date(value).toISOString().replace(/\.\d+Z$/, "Z");

function field(id, label, attrs = {}) {
  return el("div", {}, el("label", { for: id }, label), el("br"), el("input", { id, name: id, ...attrs }));
}

export async function render(view) {
  const calendar = await api("calendar");
  const message = el("div", { "aria-live": "polite" });
  async function submit(path, body) {
    try { await api(path, { method: "POST", body }); refresh(); } catch (error) { message.replaceChildren(failure(error)); }
  }
  async function remove(path) {
    try { await api(path, { method: "DELETE" }); refresh(); } catch (error) { message.replaceChildren(failure(error)); }
  }
  const schedule = el("form", { "aria-label": "Schedule an experiment", onsubmit: event => {
    event.preventDefault();
    const form = event.target.elements;
    submit("calendar/schedule", { name: form["exp-name"].value, scheduled_time: iso(form["exp-time"].value), recurrence: form["exp-recurrence"].value || undefined,
      target_components: form["exp-targets"].value.split(",").map(s => s.trim()).filter(Boolean) });
  } }, el("div", { class: "row" },
    field("exp-name", "Name", { required: true, maxlength: 200 }), field("exp-time", "When", { type: "datetime-local", required: true }),
    el("div", {}, el("label", { for: "exp-recurrence" }, "Repeats"), el("br"), el("select", { id: "exp-recurrence" },
      ["", "daily", "weekly", "monthly"].map(r => el("option", { value: r }, r || "once")))),
    field("exp-targets", "Components (comma-separated)"),
    guarded("run_simulation", { type: "submit", class: "primary" }, "Schedule")));
  const blackout = el("form", { "aria-label": "Add a blackout window", onsubmit: event => {
    event.preventDefault();
    const form = event.target.elements;
    submit("calendar/blackouts", { name: form["bo-name"].value, starts_at: iso(form["bo-start"].value), ends_at: iso(form["bo-end"].value), reason: form["bo-reason"].value });
  } }, el("div", { class: "row" },
    field("bo-name", "Name", { required: true, maxlength: 200 }), field("bo-start", "Starts", { type: "datetime-local", required: true }),
    field("bo-end", "Ends", { type: "datetime-local", required: true }), field("bo-reason", "Reason"),
    guarded("run_simulation", { type: "submit", class: "primary" }, "Add")));

  const coverage = calendar.coverage;
  view.replaceChildren(
    el("h1", {}, "Calendar"), message,
    el("div", { class: "grid" },
      card("Coverage", el("div", { class: "big" }, `${num(coverage.percent, 1)}%`), bar(coverage.percent / 100, `${coverage.percent}% of components covered`),
        el("p", { class: "muted" }, `${coverage.covered} of ${coverage.components} components targeted by an experiment.`)),
      card("Upcoming", calendar.upcoming.length ? el("ol", {}, calendar.upcoming.slice(0, 10).map(u => el("li", {}, `${u.time.replace("T", " ").slice(0, 16)} — ${u.name}`)))
        : el("p", { class: "muted" }, "Nothing scheduled."))),
    el("section", { class: "card stack", "aria-label": "Experiments" }, el("h2", {}, "Experiments"),
        calendar.experiments.length ? el("table", {}, el("thead", {}, el("tr", {}, ["name", "first run", "repeats", "targets", ""].map(h => el("th", { scope: "col" }, h)))),
          el("tbody", {}, calendar.experiments.map(x => el("tr", {}, el("td", {}, x.name), el("td", {}, x.scheduled_time), el("td", {}, x.recurrence || "once"),
            el("td", {}, x.target_components.join(", ") || "–"),
            el("td", {}, guarded("run_simulation", { onclick: () => remove(`calendar/${encodeURIComponent(x.id)}`), "aria-label": `Delete ${x.name}` }, "Delete"))))))
          : el("p", { class: "muted" }, "No experiments."), schedule),
    el("section", { class: "card stack", "aria-label": "Blackout windows" }, el("h2", {}, "Blackout windows"),
        calendar.blackout_windows.length ? el("ul", {}, calendar.blackout_windows.map(b => el("li", {}, `${b.name}: ${b.starts_at} → ${b.ends_at}${b.reason ? ` (${b.reason})` : ""} `,
          guarded("run_simulation", { onclick: () => remove(`calendar/blackouts/${encodeURIComponent(b.id)}`), "aria-label": `Delete ${b.name}` }, "Delete"))))
          : el("p", { class: "muted" }, "No blackout windows."), blackout),
  );
}
