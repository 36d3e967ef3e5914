/**
 * The draft of a warning from a stored engine alert: the playbook's duty-bearers as recipients and its actions
 * with their due dates, the alert's evidence. An analyst reviews it before issuing (engine alerts on a live case
 * are proposals until then).
 * @module
 */
import { alertId, alertToWarning, type Alert } from "../engine/index.js";
import { listAlerts } from "../storage/outputs/alert.repository.js";
import type { Store } from "../storage/index.js";
import { DeskError } from "./desk-error.js";
import type { IssueWarningInput } from "./issue-warning.js";

/**
 * The draft of the stored alert `id` of a case.
 * @throws DeskError DESK_NOT_FOUND when the case has no stored alert with that id.
 * @example const draft = await draftFromAlert(store, "c", "alert-xvl-2031-01-10-high")
 */
export async function draftFromAlert(store: Store, caseId: string, id: string): Promise<IssueWarningInput> {
  const alerts = await listAlerts(store, caseId);
  const found = alerts.map((a) => a.payload as Alert).find((a) => alertId(a) === id);
  if (!found) throw new DeskError("DESK_NOT_FOUND", `no stored alert "${id}" in case ${caseId}`);
  return draftOfAlert(caseId, found);
}

/** A stored alert's id, day and level, and the warning it drafts. */
export interface AlertDraft {
  readonly alert: string;
  readonly date: string;
  readonly level: string;
  readonly draft: IssueWarningInput;
}

/**
 * The drafts of every stored alert of a case, newest first (the desk's "Issue warning from an alert" list).
 * @example (await alertDrafts(store, "c"))[0].draft.recipients
 */
export async function alertDrafts(store: Store, caseId: string): Promise<AlertDraft[]> {
  const alerts = (await listAlerts(store, caseId)).map((a) => a.payload as Alert);
  return alerts
    .map((a) => ({ alert: alertId(a), date: a.date, level: a.level, draft: draftOfAlert(caseId, a) }))
    .sort((a, b) => b.date.localeCompare(a.date) || a.alert.localeCompare(b.alert));
}

/**
 * The draft of an engine alert of a case (see {@link draftFromAlert}); the live assessor issues it at once on a
 * case whose `autoIssueWarnings` setting is on.
 */
export function draftOfAlert(caseId: string, alert: Alert): IssueWarningInput {
  const w = alertToWarning(alert);
  return {
    caseId,
    sender: w.sender,
    recipients: w.recipients,
    summary: w.summary,
    requestedActions: w.requestedActions,
    evidence: w.evidence,
    ...(w.targetGroup === undefined ? {} : { targetGroup: w.targetGroup }),
    ...(w.country === undefined ? {} : { country: w.country }),
    origin: "engine",
  };
}
