// #/new-case: create a case — its id, name, period (an open end for a live situation) and description.
import { useState } from "preact/hooks";
import { ApiFailure } from "../api.js";
import { useSession, userMay } from "../auth/session.js";
import { useI18n } from "../i18n.js";
import { href, navigate } from "../router.js";
import { IdSchema, DaySchema } from "../../../src/contracts/common.schema.js";
import { createCase } from "./write-api.js";

export function NewCasePage() {
  const { t } = useI18n();
  const { user } = useSession();
  const [id, setId] = useState("");
  const [name, setName] = useState("");
  const [start, setStart] = useState("");
  const [end, setEnd] = useState("");
  const [live, setLive] = useState(true);
  const [description, setDescription] = useState("");
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | undefined>();

  if (!userMay(user, "records:write"))
    return (
      <>
        <h1>{t("case.newTitle")}</h1>
        <p class="notice">{user ? t("form.readOnlyRole") : t("form.signInToWrite")}</p>
      </>
    );

  const submit = async (e: Event) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    const idCheck = IdSchema.safeParse(id);
    if (!idCheck.success) found.id = idCheck.error.issues[0]?.message ?? "";
    if (!name.trim()) found.name = t("case.nameNeeded");
    if (!DaySchema.safeParse(start).success) found["period.start"] = t("case.dayNeeded");
    if (!live && !DaySchema.safeParse(end).success) found["period.end"] = t("case.dayNeeded");
    if (!live && end && start && end < start) found["period.end"] = t("case.endBeforeStart");
    setProblems(found);
    setFailure(undefined);
    if (Object.keys(found).length > 0) return;
    try {
      await createCase({
        id,
        name: name.trim(),
        period: { start, end: live ? null : end },
        ...(description.trim() ? { description: description.trim() } : {}),
      });
      navigate(href(["case", id, "new", "actor"]));
    } catch (err) {
      if (err instanceof ApiFailure && err.problems.length > 0)
        setProblems(Object.fromEntries(err.problems.map((p) => [p.path, p.message])));
      else if (err instanceof ApiFailure)
        setFailure(
          `${err.status === 409 ? t("form.idTaken") : err.status === 404 ? t("form.writeMissing") : t("form.failed")} (${err.status}: ${err.message})`,
        );
      else setFailure(String(err));
    }
  };

  const field = (key: string, label: string, input: preact.ComponentChildren) => (
    <div class="field" data-invalid={problems[key] ? "true" : undefined}>
      <label for={`case-${key}`}>{label}</label>
      {input}
      {problems[key] && (
        <p class="problem" id={`case-${key}-problem`}>
          {problems[key]}
        </p>
      )}
    </div>
  );
  const aria = (key: string) => ({
    id: `case-${key}`,
    "aria-invalid": problems[key] !== undefined,
    "aria-describedby": problems[key] ? `case-${key}-problem` : undefined,
  });
  return (
    <>
      <h1>{t("case.newTitle")}</h1>
      <form class="record-form" noValidate onSubmit={submit}>
        {failure && (
          <p class="error" role="alert">
            {failure}
          </p>
        )}
        {field(
          "id",
          t("common.id"),
          <input {...aria("id")} value={id} onInput={(e) => setId(e.currentTarget.value)} />,
        )}
        {field(
          "name",
          t("case.name"),
          <input {...aria("name")} value={name} onInput={(e) => setName(e.currentTarget.value)} />,
        )}
        {field(
          "period.start",
          t("case.start"),
          <input
            {...aria("period.start")}
            type="date"
            value={start}
            onInput={(e) => setStart(e.currentTarget.value)}
          />,
        )}
        <div class="field">
          <label class="check-row">
            <input type="checkbox" checked={live} onChange={(e) => setLive(e.currentTarget.checked)} />
            {t("case.live")}
          </label>
        </div>
        {!live &&
          field(
            "period.end",
            t("case.end"),
            <input
              {...aria("period.end")}
              type="date"
              value={end}
              onInput={(e) => setEnd(e.currentTarget.value)}
            />,
          )}
        {field(
          "description",
          t("overview.description"),
          <textarea
            {...aria("description")}
            value={description}
            onInput={(e) => setDescription(e.currentTarget.value)}
          />,
        )}
        <div class="actions">
          <button type="submit">{t("case.create")}</button>
        </div>
      </form>
    </>
  );
}
