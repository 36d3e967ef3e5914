// A 412 on save: someone changed the record since this form read it. Both versions side by side, field by field,
// and three ways out: keep mine (save mine over theirs), keep theirs (drop my changes), or merge (choose per field,
// then review and save).
import { useState } from "preact/hooks";
import { fieldLabel } from "../components/field-labels.js";
import { useI18n } from "../i18n.js";
import { text } from "../view-data.js";
import type { FormValue } from "./form-value.js";

/** Fields whose values differ (compared as JSON with sorted keys). */
export function differingFields(mine: FormValue, theirs: FormValue): string[] {
  const norm = (v: unknown) =>
    JSON.stringify(v, (_k, x: unknown) =>
      x !== null && typeof x === "object" && !Array.isArray(x)
        ? Object.fromEntries(Object.entries(x as FormValue).sort(([a], [b]) => (a < b ? -1 : 1)))
        : x,
    );
  const keys = [...new Set([...Object.keys(mine), ...Object.keys(theirs)])];
  return keys.filter((k) => norm(mine[k]) !== norm(theirs[k]));
}

export function ConflictView(props: {
  mine: FormValue;
  theirs: FormValue;
  onKeepMine: () => void;
  onKeepTheirs: () => void;
  onMerge: (merged: FormValue) => void;
}) {
  const { t, lang } = useI18n();
  const fields = differingFields(props.mine, props.theirs);
  const [choice, setChoice] = useState<Record<string, "mine" | "theirs">>({});
  const label = (k: string) => fieldLabel(k, lang);
  const merged = () => {
    const out: FormValue = { ...props.mine };
    for (const k of fields) {
      if ((choice[k] ?? "mine") === "theirs") {
        if (props.theirs[k] === undefined) delete out[k];
        else out[k] = props.theirs[k];
      }
    }
    return out;
  };
  return (
    <section
      class="conflict"
      role="alertdialog"
      aria-labelledby="conflict-title"
      aria-describedby="conflict-intro"
    >
      <h2 id="conflict-title" tabIndex={-1}>
        {t("conflict.title")}
      </h2>
      <p id="conflict-intro">{t("conflict.intro")}</p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("conflict.field")}</th>
              <th scope="col">{t("conflict.mine")}</th>
              <th scope="col">{t("conflict.theirs")}</th>
              <th scope="col">{t("conflict.keep")}</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((k) => (
              <tr key={k} data-field={k}>
                <th scope="row">{label(k)}</th>
                <td class="mine">{text(props.mine[k], label)}</td>
                <td class="theirs">{text(props.theirs[k], label)}</td>
                <td>
                  <fieldset class="choices">
                    <legend class="visually-hidden">
                      {t("conflict.keep")}: {label(k)}
                    </legend>
                    {(["mine", "theirs"] as const).map((side) => (
                      <label key={side}>
                        <input
                          type="radio"
                          name={`conflict-${k}`}
                          checked={(choice[k] ?? "mine") === side}
                          onChange={() => setChoice({ ...choice, [k]: side })}
                        />
                        {t(side === "mine" ? "conflict.mine" : "conflict.theirs")}
                      </label>
                    ))}
                  </fieldset>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="actions">
        <button type="button" onClick={props.onKeepMine}>
          {t("conflict.keepMine")}
        </button>
        <button type="button" onClick={props.onKeepTheirs}>
          {t("conflict.keepTheirs")}
        </button>
        <button type="button" onClick={() => props.onMerge(merged())}>
          {t("conflict.merge")}
        </button>
      </div>
    </section>
  );
}
