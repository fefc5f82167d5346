// Model: paste or drop a YAML/JSON model and load it into the current project (every loader error
// shown at its line and column, in the text); compare two model files (POST /api/topology-diff).
import { api, explain, guarded, APIError } from "./app.js";
import { el, num } from "./ui.js";

/** The loader's messages ("Invalid model: 4:11: path: message; 5:15: …") as [{line, column, message}]. */
export function locate(message) {
  const body = message.replace(/^Invalid model: /, "");
  const found = [];
  const pattern = /(\d+):(\d+): (.*?)(?=; \d+:\d+: |$)/gs;
  for (const m of body.matchAll(pattern)) found.push({ line: Number(m[1]), column: Number(m[2]), message: m[3] });
  return found.length ? found : [{ line: 0, column: 0, message: body }];
}

function mediaType(text) {
  return /^\s*[{[]/.test(text) ? "application/json" : "application/yaml";
}

export async function render(view) {
  const text = el("textarea", { id: "model-text", spellcheck: "false", "aria-describedby": "model-help",
    placeholder: "name: my-system\ncomponents:\n  - id: web\n    type: web_server\n…" });
  const output = el("div", { id: "model-result", "aria-live": "polite" });
  const file = el("input", { type: "file", id: "model-file", accept: ".yaml,.yml,.json,text/yaml,application/json" });
  file.addEventListener("change", async () => { if (file.files[0]) text.value = await file.files[0].text(); });
  const drop = el("div", { class: "drop" }, "Drop a model file here, or ", el("label", { for: "model-file" }, "choose one: "), file);
  drop.addEventListener("dragover", event => { event.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", async event => {
    event.preventDefault();
    drop.classList.remove("over");
    const dropped = event.dataTransfer.files[0];
    if (dropped) text.value = await dropped.text();
  });

  async function load() {
    output.replaceChildren(el("p", { class: "muted" }, "Loading…"));
    try {
      const summary = await api("infrastructure", { method: "PUT", body: { raw: text.value, type: mediaType(text.value) } });
      output.replaceChildren(el("p", { role: "status" }, `Loaded '${summary.name || "model"}': ${summary.components} components, ${summary.dependencies} dependencies.`));
    } catch (error) {
      if (!(error instanceof APIError) || error.status !== 400) { output.replaceChildren(el("p", { class: "error", role: "alert" }, explain(error))); return; }
      const issues = locate(error.message);
      const lines = text.value.split("\n");
      const bad = new Set(issues.map(i => i.line));
      output.replaceChildren(
        el("p", { class: "error", role: "alert" }, `The model has ${issues.length} problem${issues.length === 1 ? "" : "s"}; nothing was replaced.`),
        el("ul", { id: "model-errors" }, issues.map(i => el("li", { dataset: { line: i.line, column: i.column } },
          el("strong", {}, i.line ? `line ${i.line}:${i.column}` : "model"), ` — ${i.message}`))),
        el("div", { class: "codeview", "aria-label": "The model with its faulty lines marked" }, lines.map((line, n) =>
          el("div", { class: bad.has(n + 1) ? "bad" : "" }, el("span", { class: "ln" }, String(n + 1)), line))));
    }
  }

  const before = el("input", { type: "file", id: "diff-before", accept: ".yaml,.yml,.json" });
  const after = el("input", { type: "file", id: "diff-after", accept: ".yaml,.yml,.json" });
  const diffOut = el("div", { id: "diff-result", "aria-live": "polite" });
  async function diff() {
    if (!before.files[0] || !after.files[0]) { diffOut.replaceChildren(el("p", { class: "error" }, "Choose both files.")); return; }
    const form = new FormData();
    form.append("before_file", before.files[0]);
    form.append("after_file", after.files[0]);
    try {
      const d = await api("topology-diff", { method: "POST", body: form });
      const list = (title, items, label) => items.length ? el("div", {}, el("h3", {}, `${title} (${items.length})`),
        el("ul", {}, items.map(i => el("li", {}, label(i), i.changes.length ? el("ul", {}, i.changes.map(c => el("li", {}, JSON.stringify(c)))) : null)))) : null;
      const comp = i => `${i.component_name} (${i.component_id})`, edge = i => `${i.source} → ${i.target}`;
      diffOut.replaceChildren(
        el("p", {}, d.summary),
        el("p", {}, `Score ${num(d.before.resilience_score, 1)} → ${num(d.after.resilience_score, 1)}; availability ${d.before.availability.nines} → ${d.after.availability.nines} nines; SPOFs ${d.before.spof_count} → ${d.after.spof_count}.`),
        list("Components added", d.components_added, comp), list("Components removed", d.components_removed, comp),
        list("Components modified", d.components_modified, comp), list("Dependencies added", d.edges_added, edge),
        list("Dependencies removed", d.edges_removed, edge), list("Dependencies modified", d.edges_modified, edge),
        el("details", {}, el("summary", {}, "Diagram (Mermaid source, changes marked as classes)"), el("pre", {}, d.mermaid)));
    } catch (error) {
      diffOut.replaceChildren(el("p", { class: "error", role: "alert" }, explain(error)));
    }
  }

  view.replaceChildren(
    el("h1", {}, "Model"),
    el("section", { class: "card", "aria-label": "Load a model" }, el("h2", {}, "Load a model"),
        el("p", { id: "model-help", class: "muted" }, "YAML or JSON (docs/model-format.md). It replaces the current project's model when valid; otherwise every problem is listed at its line and column."),
        drop, el("label", { for: "model-text" }, "Model text"), text,
        el("div", { class: "row" }, guarded("create_project", { class: "primary", id: "model-load", onclick: load }, "Validate and load")), output),
    el("section", { class: "card stack", "aria-label": "Topology diff" }, el("h2", {}, "Topology diff"),
        el("div", { class: "row" }, el("label", { for: "diff-before" }, "Before"), before),
        el("div", { class: "row" }, el("label", { for: "diff-after" }, "After"), after),
        el("div", { class: "row" }, guarded("run_simulation", { id: "diff-run", onclick: diff }, "Compare")), diffOut),
  );
}
