// A record: its fields, the sources it cites with their Admiralty grading (a protected source shows only its
// grading), and for a warning its requests and the responses to them.
import { Fragment } from "preact";
import { useApi } from "../api.js";
import { Badge } from "../components/level-badge.js";
import { fieldLabel } from "../components/field-labels.js";
import { Loader } from "../components/loader.js";
import { RecordLink } from "../components/record-link.js";
import { useI18n } from "../i18n.js";
import { arr, str, strs, text, type Json } from "../view-data.js";
import { daysOpen } from "./ledger.page.js";
import { RecordActions } from "../forms/record-actions.js";

type RecordJson = Json & {
  id: string;
  occurredAt: { from: string; to: string; precision: string };
  knownAt: string;
};

interface Version {
  version: string;
  change: "updated" | "deleted";
  replacedBy: string;
  replacedAt?: string;
  record: RecordJson;
}

interface Detail {
  kind: string;
  record: RecordJson;
  sources: Json[];
  versions?: Version[];
}

/** JSON text with object keys sorted at every depth, so equal values compare equal whatever their key order. */
function sortedJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x !== null && typeof x === "object" && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : x,
  );
}

/** Top-level fields whose values differ between two versions of a record, in the older one's key order. */
function changedFields(older: Json, newer: Json): string[] {
  const keys = [...new Set([...Object.keys(older), ...Object.keys(newer)])];
  return keys.filter((k) => sortedJson(older[k]) !== sortedJson(newer[k]));
}

const HIDDEN = new Set(["id", "occurredAt", "knownAt", "citations"]);

/** A field value: a list of objects as a nested list, anything else as text. */
function Value(props: { v: unknown }) {
  const { lang } = useI18n();
  const label = (k: string) => fieldLabel(k, lang);
  const v = props.v;
  if (Array.isArray(v) && v.some((x) => x !== null && typeof x === "object")) {
    return (
      <ul class="nested">
        {v.map((x, i) => (
          <li key={i}>{text(x, label)}</li>
        ))}
      </ul>
    );
  }
  return <>{text(v, label)}</>;
}

/** The record page. */
export function RecordPage(props: { kind: string; id: string; caseId?: string }) {
  const { t, lang } = useI18n();
  const q = props.caseId ? `?case=${encodeURIComponent(props.caseId)}` : "";
  const loaded = useApi<Detail>(
    `/api/records/${encodeURIComponent(props.kind)}/${encodeURIComponent(props.id)}${q}`,
  );
  return (
    <Loader
      loaded={loaded}
      render={(d) => {
        const r = d.record;
        const titleField = ["summary", "title", "name"].find((k) => typeof r[k] === "string");
        const when =
          r.occurredAt.precision === "day" ? r.occurredAt.from : `${r.occurredAt.from} – ${r.occurredAt.to}`;
        return (
          <article>
            <p class="kicker">
              {t("record.title")} · {d.kind} · <code>{r.id}</code>
            </p>
            <h1>{str(r.summary) ?? str(r.title) ?? str(r.name) ?? r.id}</h1>
            <RecordActions
              kind={d.kind}
              id={r.id}
              caseId={props.caseId}
              confidential={d.kind === "source" && r.confidential === true}
            />
            <dl class="fields">
              <dt>{t("record.occurred")}</dt>
              <dd>{when}</dd>
              <dt>{t("record.known")}</dt>
              <dd>{r.knownAt}</dd>
              {Object.entries(r)
                .filter(([k]) => !HIDDEN.has(k) && k !== titleField)
                .map(([k, v]) => (
                  <Fragment key={k}>
                    <dt title={k}>{fieldLabel(k, lang)}</dt>
                    <dd>
                      <Value v={v} />
                    </dd>
                  </Fragment>
                ))}
            </dl>
            {d.kind === "warning" && props.caseId && <WarningStatus caseId={props.caseId} warning={r.id} />}
            <h2>{t("record.sources")}</h2>
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("common.id")}</th>
                    <th scope="col">{t("common.summary")}</th>
                    <th scope="col">{t("record.reliability")}</th>
                    <th scope="col">{t("record.credibility")}</th>
                    <th scope="col">{t("record.locator")}</th>
                  </tr>
                </thead>
                <tbody>
                  {arr(r.citations).map((c, i) => {
                    const s = d.sources.find((x) => x.id === c.source);
                    return (
                      <tr key={i}>
                        <td>
                          <code>{str(c.source)}</code>
                        </td>
                        <td>{s?.confidential === true ? t("record.protected") : (str(s?.title) ?? "—")}</td>
                        <td class="grade">{str(s?.reliability) ?? "—"}</td>
                        <td class="grade">{text(s?.credibility)}</td>
                        <td>{str(c.locator)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            {d.versions !== undefined && d.versions.length > 0 && (
              <Versions versions={d.versions} current={r} />
            )}
          </article>
        );
      }}
    />
  );
}

/** Earlier versions an import replaced or removed, oldest first, each with what differed from the next one. */
function Versions(props: { versions: Version[]; current: RecordJson }) {
  const { t, lang } = useI18n();
  const vs = props.versions;
  return (
    <section class="record-versions">
      <h2>{t("record.versions")}</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("record.version")}</th>
              <th scope="col">{t("record.change")}</th>
              <th scope="col">{t("record.replacedBy")}</th>
              <th scope="col">{t("record.changed")}</th>
            </tr>
          </thead>
          <tbody>
            {vs.map((v, i) => {
              const next = vs[i + 1]?.record ?? props.current;
              const changed = v.change === "deleted" ? [] : changedFields(v.record, next);
              return (
                <tr key={`${v.replacedBy}-${v.version}`}>
                  <td>
                    <code>{v.version}</code>
                  </td>
                  <td>{t(`record.change.${v.change}`)}</td>
                  <td>
                    <code>{v.replacedBy}</code>
                    {v.replacedAt !== undefined && <> · {v.replacedAt}</>}
                  </td>
                  <td>
                    <dl class="fields">
                      {changed.map((k) => (
                        <Fragment key={k}>
                          <dt title={k}>{fieldLabel(k, lang)}</dt>
                          <dd>
                            <Value v={v.record[k]} />
                          </dd>
                        </Fragment>
                      ))}
                    </dl>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** For a warning: each request's status from the ledger and the responses that answered it. */
function WarningStatus(props: { caseId: string; warning: string }) {
  const { t } = useI18n();
  const ledger = useApi<Json>(`/api/cases/${encodeURIComponent(props.caseId)}/ledger`);
  return (
    <Loader
      loaded={ledger}
      render={(l) => {
        const entry = arr(l.warnings).find((w) => w.warning === props.warning);
        if (!entry) return null;
        const asOf = str(l.asOf) ?? "";
        return (
          <section class="warning-status">
            <h2>{t("ledger.requests")}</h2>
            <ul>
              {arr(entry.requests).map((q) => (
                <li key={str(q.action)}>
                  <Badge value={str(q.status) ?? ""} /> {str(q.description)} — {t("ledger.due")}{" "}
                  {str(q.dueAt)}
                  {str(q.firstResponseAt) && (
                    <>
                      {" "}
                      — {t("ledger.firstResponse")} {str(q.firstResponseAt)} ({daysOpen(q, asOf)}{" "}
                      {t("common.days")})
                    </>
                  )}
                  {str(q.refusalReason) && (
                    <>
                      {" "}
                      — {t("ledger.refusalReason")}: {str(q.refusalReason)}
                    </>
                  )}
                </li>
              ))}
            </ul>
            <h2>{t("ledger.responses")}</h2>
            <ul>
              {strs(entry.responses).map((id) => (
                <li key={id}>
                  <RecordLink kind="response" id={id} caseId={props.caseId} />
                </li>
              ))}
            </ul>
            {entry.daysToFirstResponse !== undefined && (
              <p>
                {t("ledger.daysToFirstResponse")}: <strong>{text(entry.daysToFirstResponse)}</strong>
              </p>
            )}
          </section>
        );
      }}
    />
  );
}
