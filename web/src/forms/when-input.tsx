// A date with its precision: a day, a month, a year, or a range between two of those — written as the case
// files write it (`1994-04-07`, `1994-04`, `1994`, `1994-04-07/1994-07`).
import { useState } from "preact/hooks";
import { useI18n } from "../i18n.js";

export type Precision = "day" | "month" | "year" | "range";
const PRECISIONS: readonly Precision[] = ["day", "month", "year", "range"];

/** The precision a date text is written in. */
export function precisionOf(text: string): Precision {
  if (text.includes("/")) return "range";
  if (/^\d{4}$/u.test(text)) return "year";
  if (/^\d{4}-\d{2}$/u.test(text)) return "month";
  return "day";
}

/** Keep what can be kept of a date text when its precision changes. */
function convert(text: string, to: Precision): string {
  const first = text.split("/")[0] ?? "";
  if (to === "year") return first.slice(0, 4);
  if (to === "month") return first.length >= 7 ? first.slice(0, 7) : "";
  if (to === "day") return first.length >= 10 ? first.slice(0, 10) : "";
  return first ? `${first}/` : "";
}

export function WhenInput(props: {
  id: string;
  value: string;
  onChange: (v: string) => void;
  describedBy: string | undefined;
  invalid: boolean;
}) {
  const { t } = useI18n();
  const [precision, setPrecision] = useState<Precision>(() => precisionOf(props.value));
  const aria = { "aria-invalid": props.invalid, "aria-describedby": props.describedBy };
  const [from = "", to = ""] = props.value.split("/");
  return (
    <div class="picker-row when-input">
      <select
        id={`${props.id}-precision`}
        aria-label={t("form.precision")}
        value={precision}
        onChange={(e) => {
          const p = e.currentTarget.value as Precision;
          setPrecision(p);
          props.onChange(convert(props.value, p));
        }}
      >
        {PRECISIONS.map((p) => (
          <option key={p} value={p}>
            {t(`form.precision.${p}`)}
          </option>
        ))}
      </select>
      {precision === "day" && (
        <input
          id={props.id}
          type="date"
          value={props.value}
          onInput={(e) => props.onChange(e.currentTarget.value)}
          {...aria}
        />
      )}
      {precision === "month" && (
        <input
          id={props.id}
          type="month"
          placeholder="YYYY-MM"
          value={props.value}
          onInput={(e) => props.onChange(e.currentTarget.value)}
          {...aria}
        />
      )}
      {precision === "year" && (
        <input
          id={props.id}
          inputMode="numeric"
          placeholder="YYYY"
          maxLength={4}
          value={props.value}
          onInput={(e) => props.onChange(e.currentTarget.value)}
          {...aria}
        />
      )}
      {precision === "range" && (
        <>
          <input
            id={props.id}
            aria-label={t("common.from")}
            placeholder="YYYY-MM-DD"
            value={from}
            onInput={(e) => props.onChange(`${e.currentTarget.value}/${to}`)}
            {...aria}
          />
          <input
            id={`${props.id}-to`}
            aria-label={t("common.to")}
            placeholder="YYYY-MM-DD"
            value={to}
            onInput={(e) => props.onChange(`${from}/${e.currentTarget.value}`)}
            {...aria}
          />
        </>
      )}
    </div>
  );
}
