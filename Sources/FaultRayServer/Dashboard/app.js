// The dashboard shell: the API client (key from session storage, never a cookie), the project
// picker, the permissions of the key, and the pages (one module each, loaded when opened).
import { el } from "./ui.js";

const KEY = "faultray.key", PROJECT = "faultray.project";

/** An answer that is not 2xx, with the server's message. */
export class APIError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export const session = {
  permissions: [],
  authRequired: false,
  project: sessionStorage.getItem(PROJECT) || "default",
  /** Whether the key may `permission` (view_results, run_simulation, create_project). */
  can(permission) { return this.permissions.includes(permission); },
};

/**
 * Calls the API: `path` under /api (or absolute like /demo), with the project query and the key.
 * `body`: an object (sent as JSON), or {raw, type} for another body. Returns the parsed JSON, or the
 * Response itself with `raw: true`.
 */
export async function api(path, { method = "GET", body, raw = false, headers = {}, project = true } = {}) {
  const url = new URL(path.startsWith("/") ? path : `/api/${path}`, location.origin);
  if (project && session.project !== "default") url.searchParams.set("project", session.project);
  const init = { method, headers: { ...headers } };
  const key = sessionStorage.getItem(KEY);
  if (key) init.headers.Authorization = `Bearer ${key}`;
  if (body instanceof FormData) init.body = body;
  else if (body && body.raw !== undefined) { init.body = body.raw; init.headers["Content-Type"] = body.type; }
  else if (body !== undefined) { init.body = JSON.stringify(body); init.headers["Content-Type"] = "application/json"; }
  const response = await fetch(url, init);
  if (!response.ok) {
    let message = response.statusText;
    try { message = (await response.json()).error.message; } catch { /* not the envelope */ }
    if (response.status === 401) askForKey(message);
    throw new APIError(response.status, message);
  }
  if (raw) return response;
  return response.json();
}

/** Says plainly what failed (403: which permission the key lacks). */
export function explain(error) {
  if (error instanceof APIError) {
    if (error.status === 403) return `Not allowed with this key (403): ${error.message}`;
    if (error.status === 401) return `An API key is needed (401): ${error.message}`;
    return `${error.message} (HTTP ${error.status})`;
  }
  return String(error && error.message || error);
}

/** An error line for a page. */
export function failure(error) {
  return el("p", { class: "error", role: "alert" }, explain(error));
}

/** A button that needs `permission`: disabled, with the reason, when the key lacks it. */
export function guarded(permission, attrs, ...children) {
  const allowed = session.can(permission);
  return el("button", { type: "button", ...attrs, disabled: !allowed || attrs.disabled,
    title: allowed ? attrs.title : `Your API key lacks the '${permission}' permission` }, ...children);
}

export function notice(text) {
  const box = document.getElementById("notice");
  box.hidden = !text;
  box.textContent = text || "";
}

const pages = {
  overview: "./overview.js", topology: "./topology.js", blast: "./blast.js", whatif: "./whatif.js",
  findings: "./findings.js", model: "./model.js", calendar: "./calendar.js",
};

let keyPrompted = false;
function askForKey(message) {
  const dialog = document.getElementById("keydialog");
  if (dialog.open) return;
  document.getElementById("keyerror").textContent = keyPrompted ? message : "";
  keyPrompted = true;
  dialog.showModal();
}

async function loadSession() {
  try {
    const info = await api("session", { project: false });
    session.authRequired = info.auth_required;
    session.permissions = info.permissions;
    session.confinedTo = info.project || null;
    if (info.auth_required && !info.authenticated) {
      askForKey("");
      return false;
    }
  } catch (error) {
    if (error.status !== 401) notice(explain(error));
    return false;
  }
  document.getElementById("signout").hidden = !sessionStorage.getItem(KEY);
  await loadProjects();
  return true;
}

async function loadProjects() {
  const picker = document.getElementById("project");
  let projects = [{ id: session.confinedTo || "default", name: session.confinedTo || "Default project" }];
  if (session.can("view_results")) {
    try { projects = (await api("projects", { project: false })).projects; } catch { /* a confined key sees its own only */ }
  }
  if (!projects.some(p => p.id === session.project)) session.project = projects[0].id;
  picker.replaceChildren(...projects.map(p => el("option", { value: p.id, selected: p.id === session.project }, `${p.name} (${p.id})`)));
  picker.disabled = projects.length < 2;
}

let rendering = 0;
async function route() {
  const name = (location.hash.slice(1).split("?")[0] || "overview");
  const page = pages[name] ? name : "overview";
  for (const link of document.querySelectorAll("#nav a")) {
    if (link.getAttribute("href") === `#${page}`) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  const view = document.getElementById("view");
  const ticket = ++rendering;
  notice("");
  const module = await import(pages[page]);
  if (ticket !== rendering) return;
  view.replaceChildren(el("p", { class: "muted" }, "Loading…"));
  try {
    await module.render(view, new URLSearchParams(location.hash.split("?")[1] || ""));
  } catch (error) {
    if (ticket === rendering) view.replaceChildren(failure(error));
  }
  document.title = `FaultRay · ${document.querySelector("#nav a[aria-current]").textContent}`;
  view.dataset.page = page;
  view.dataset.ready = String(ticket);
  // Milliseconds from navigation to this page drawn (the benchmark reads the first).
  view.dataset.renderedAt = String(Math.round(performance.now()));
}

/** Re-renders the current page (after the model or project changed). */
export function refresh() { route(); }

async function start() {
  document.getElementById("keyform").addEventListener("submit", async () => {
    sessionStorage.setItem(KEY, document.getElementById("keyinput").value.trim());
    document.getElementById("keyinput").value = "";
    if (await loadSession()) route();
  });
  document.getElementById("signout").addEventListener("click", () => {
    sessionStorage.removeItem(KEY);
    location.reload();
  });
  document.getElementById("project").addEventListener("change", event => {
    session.project = event.target.value;
    sessionStorage.setItem(PROJECT, session.project);
    route();
  });
  window.addEventListener("hashchange", route);
  if (await loadSession()) route();
}

start();
