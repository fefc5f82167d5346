// The full run (POST /api/simulate) of this tab, per project: shared by Overview and Full run, so a
// run started on one page is shown on the other without running again.
import { api, session } from "./app.js";

const reports = new Map();

/** Runs every scenario on the project's model; the report is kept for this tab. */
export async function fullRun() {
  const report = await api("simulate", { method: "POST" });
  reports.set(session.project, report);
  return report;
}

/** The last report of this tab for the current project, if any. */
export function lastFullRun() {
  return reports.get(session.project);
}
