// The Admiralty (NATO) grading of a source: how reliable the source is (A–F) and how credible this information
// is (1–6), each choice labelled, with the whole scale explained beside the fields.
import { SourceViewSchema } from "../../../src/contracts/api/view.schema.js";
import { useI18n, type MessageKey } from "../i18n.js";

/** Credibility grades, from the contract's view of a source. */
export const CREDIBILITY_GRADES: readonly number[] = SourceViewSchema.shape.credibility.options.map(
  (o) => o.value,
);

const relKey = (x: string) => `grade.reliability.${x}` as MessageKey;
const credKey = (x: number) => `grade.credibility.${x}` as MessageKey;

interface GradeProps {
  readonly id: string;
  readonly describedBy: string | undefined;
  readonly invalid: boolean;
}

export function ReliabilitySelect(
  props: GradeProps & {
    options: readonly string[];
    value: unknown;
    onChange: (v: string | undefined) => void;
  },
) {
  const { t } = useI18n();
  return (
    <select
      id={props.id}
      value={typeof props.value === "string" ? props.value : ""}
      aria-invalid={props.invalid}
      aria-describedby={[props.describedBy, "grading-scale"].filter(Boolean).join(" ")}
      onChange={(e) => props.onChange(e.currentTarget.value || undefined)}
    >
      <option value="">—</option>
      {props.options.map((o) => (
        <option key={o} value={o}>
          {o} — {t(relKey(o))}
        </option>
      ))}
    </select>
  );
}

export function CredibilitySelect(
  props: GradeProps & { value: unknown; onChange: (v: number | undefined) => void },
) {
  const { t } = useI18n();
  return (
    <select
      id={props.id}
      value={typeof props.value === "number" ? String(props.value) : ""}
      aria-invalid={props.invalid}
      aria-describedby={[props.describedBy, "grading-scale"].filter(Boolean).join(" ")}
      onChange={(e) => props.onChange(e.currentTarget.value ? Number(e.currentTarget.value) : undefined)}
    >
      <option value="">—</option>
      {CREDIBILITY_GRADES.map((n) => (
        <option key={n} value={n}>
          {n} — {t(credKey(n))}
        </option>
      ))}
    </select>
  );
}

/** The scale, explained (shown once per form, after the grading fields). */
export function GradingScale(props: { reliability: readonly string[] }) {
  const { t } = useI18n();
  return (
    <details class="grading-scale" id="grading-scale">
      <summary>{t("grade.scaleTitle")}</summary>
      <p>{t("grade.scaleIntro")}</p>
      <div class="inline-fields">
        <table>
          <caption>{t("grade.reliability")}</caption>
          <tbody>
            {props.reliability.map((o) => (
              <tr key={o}>
                <th scope="row">{o}</th>
                <td>{t(relKey(o))}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table>
          <caption>{t("grade.credibility")}</caption>
          <tbody>
            {CREDIBILITY_GRADES.map((n) => (
              <tr key={n}>
                <th scope="row">{n}</th>
                <td>{t(credKey(n))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="hint">{t("grade.example")}</p>
    </details>
  );
}
