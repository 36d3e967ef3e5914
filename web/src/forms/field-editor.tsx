// One field of a record form, drawn from its spec (field-spec.ts): label, the input for its kind of value, and
// its problems inline (from the client-side check or the server), linked to the input for screen readers.
import type { ComponentChildren } from "preact";
import { SourceSchema } from "../../../src/contracts/source.schema.js";
import { fieldLabel } from "../components/field-labels.js";
import { useI18n } from "../i18n.js";
import type { FieldOf, Spec } from "./field-spec.js";
import { useForm } from "./form-context.js";
import { fieldId, type Path } from "./form-value.js";
import { enumLabel } from "./enum-labels.js";
import { CredibilitySelect, GradingScale, ReliabilitySelect } from "./grading.js";
import { RefPicker, RefsPicker } from "./ref-picker.js";
import { WhenInput } from "./when-input.js";

const str = (v: unknown) => (typeof v === "string" ? v : "");
const strList = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

/** The label of a field (a list item is "n."). */
function labelOf(name: string | number, lang: "en" | "fr"): string {
  return typeof name === "number" ? `${name + 1}.` : fieldLabel(name, lang);
}

/** Problems at exactly this path. */
function useProblems(path: Path): readonly string[] {
  return useForm().problems.get(path.join(".")) ?? [];
}

function Problems(props: { id: string; messages: readonly string[] }) {
  if (props.messages.length === 0) return null;
  return (
    <p class="problem" id={props.id}>
      {props.messages.join(" · ")}
    </p>
  );
}

/** A labelled single-input field. */
function Field(props: {
  path: Path;
  label: string;
  required: boolean;
  hint?: string;
  children: (a: { id: string; describedBy: string | undefined; invalid: boolean }) => ComponentChildren;
}) {
  const { t } = useI18n();
  const id = fieldId(props.path);
  const problems = useProblems(props.path);
  const invalid = problems.length > 0;
  const describedBy = [invalid ? `${id}-problem` : "", props.hint ? `${id}-hint` : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <div class="field" data-invalid={invalid ? "true" : undefined} data-path={props.path.join(".")}>
      <label for={id}>
        {props.label}
        {props.required && <span aria-hidden="true"> *</span>}
        {props.required && <span class="visually-hidden"> ({t("form.required")})</span>}
      </label>
      {props.children({ id, describedBy: describedBy || undefined, invalid })}
      {props.hint && (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      <Problems id={`${id}-problem`} messages={problems} />
    </div>
  );
}

/** A group of inputs (an object, a list, a set of checkboxes). */
function Group(props: { path: Path; label: string; required: boolean; children: ComponentChildren }) {
  const id = fieldId(props.path);
  const problems = useProblems(props.path);
  return (
    <fieldset
      class="group"
      id={id}
      data-path={props.path.join(".")}
      data-invalid={problems.length > 0 ? "true" : undefined}
      aria-describedby={problems.length > 0 ? `${id}-problem` : undefined}
    >
      <legend>
        {props.label}
        {props.required && <span aria-hidden="true"> *</span>}
      </legend>
      {props.children}
      <Problems id={`${id}-problem`} messages={problems} />
    </fieldset>
  );
}

function emptyOf(spec: Spec): unknown {
  return spec.t === "object" ? {} : "";
}

/** The editor of a value of `spec` at `path`. */
export function SpecEditor(props: {
  spec: Spec;
  path: Path;
  name: string | number;
  required: boolean;
  value: unknown;
}) {
  const { t, lang } = useI18n();
  const form = useForm();
  const { spec, path, value } = props;
  const set = (v: unknown) => form.set(path, v);
  const label = labelOf(props.name, lang);
  const common = { path, label, required: props.required };
  switch (spec.t) {
    case "object":
      return (
        <Group {...common}>
          <div class={spec.fields.length <= 4 ? "inline-fields" : undefined}>
            {spec.fields.map((f) => (
              <FieldEditor key={f.name} field={f} path={[...path, f.name]} value={getField(value, f.name)} />
            ))}
          </div>
        </Group>
      );
    case "list": {
      const items = Array.isArray(value) ? value : [];
      return (
        <Group {...common}>
          {items.map((item, i) => (
            <div class="list-item" key={i}>
              <SpecEditor spec={spec.item} path={[...path, i]} name={i} required value={item} />
              <button type="button" onClick={() => set(items.filter((_, j) => j !== i))}>
                {t("common.remove")} {label} {i + 1}
              </button>
            </div>
          ))}
          <button type="button" onClick={() => set([...items, emptyOf(spec.item)])}>
            {t("common.add")}: {label}
          </button>
        </Group>
      );
    }
    case "enums": {
      const chosen = strList(value);
      return (
        <Group {...common}>
          <div class="choices">
            {spec.options.map((o) => (
              <label key={o}>
                <input
                  type="checkbox"
                  checked={chosen.includes(o)}
                  onChange={(e) =>
                    set(e.currentTarget.checked ? [...chosen, o] : chosen.filter((x) => x !== o))
                  }
                />
                {enumLabel(lang, o)}
              </label>
            ))}
          </div>
        </Group>
      );
    }
    default:
      return (
        <Field {...common} hint={hintOf(spec, t)}>
          {(a) => <Input spec={spec} a={a} value={value} set={set} />}
        </Field>
      );
  }
}

function getField(v: unknown, name: string): unknown {
  return v !== null && typeof v === "object" ? (v as Record<string, unknown>)[name] : undefined;
}

type T = ReturnType<typeof useI18n>["t"];

function hintOf(spec: Spec, t: T): string | undefined {
  if (spec.t === "when") return t("form.hint.when");
  if (spec.t === "country" || spec.t === "countries") return t("form.hint.country");
  if (spec.t === "strings") return t("form.hint.lines");
  if (spec.t === "ref" || spec.t === "refs") return t(`form.hint.ref.${spec.target}`);
  return undefined;
}

function Input(props: {
  spec: Spec;
  a: { id: string; describedBy: string | undefined; invalid: boolean };
  value: unknown;
  set: (v: unknown) => void;
}) {
  const { t, lang } = useI18n();
  const { caseId } = useForm();
  const { spec, a, value, set } = props;
  const aria = { id: a.id, "aria-invalid": a.invalid, "aria-describedby": a.describedBy };
  switch (spec.t) {
    case "text":
      return spec.long ? (
        <textarea {...aria} value={str(value)} onInput={(e) => set(e.currentTarget.value)} />
      ) : (
        <input {...aria} value={str(value)} onInput={(e) => set(e.currentTarget.value)} />
      );
    case "number":
      return (
        <input
          {...aria}
          type="number"
          step={spec.int ? 1 : "any"}
          value={typeof value === "number" ? String(value) : ""}
          onInput={(e) => {
            const s = e.currentTarget.value;
            set(s === "" ? undefined : Number(s));
          }}
        />
      );
    case "boolean":
      return (
        <span class="check-row">
          <input
            {...aria}
            type="checkbox"
            checked={value === true}
            onChange={(e) => set(e.currentTarget.checked)}
          />
        </span>
      );
    case "tristate":
      return (
        <select
          {...aria}
          value={value === true ? "yes" : value === false ? "no" : ""}
          onChange={(e) => {
            const s = e.currentTarget.value;
            set(s === "yes" ? true : s === "no" ? false : null);
          }}
        >
          <option value="">{t("form.unknown")}</option>
          <option value="yes">{t("form.yes")}</option>
          <option value="no">{t("form.no")}</option>
        </select>
      );
    case "enum":
      return (
        <select {...aria} value={str(value)} onChange={(e) => set(e.currentTarget.value || undefined)}>
          <option value="">—</option>
          {spec.options.map((o) => (
            <option key={o} value={o}>
              {enumLabel(lang, o)}
            </option>
          ))}
        </select>
      );
    case "when":
      return (
        <WhenInput
          id={a.id}
          value={str(value)}
          onChange={set}
          describedBy={a.describedBy}
          invalid={a.invalid}
        />
      );
    case "day":
      return <input {...aria} type="date" value={str(value)} onInput={(e) => set(e.currentTarget.value)} />;
    case "country":
      return (
        <input
          {...aria}
          maxLength={3}
          autocapitalize="characters"
          value={str(value)}
          onInput={(e) => set(e.currentTarget.value.toUpperCase())}
        />
      );
    case "countries":
      return (
        <input
          {...aria}
          value={strList(value).join(", ")}
          onInput={(e) =>
            set(
              e.currentTarget.value
                .toUpperCase()
                .split(/[\s,;]+/u)
                .filter(Boolean),
            )
          }
        />
      );
    case "strings":
      return (
        <textarea
          {...aria}
          value={strList(value).join("\n")}
          onInput={(e) => set(e.currentTarget.value.split("\n").filter((l) => l.trim() !== ""))}
        />
      );
    case "ref":
      return (
        <RefPicker
          id={a.id}
          target={spec.target}
          caseId={caseId}
          value={str(value)}
          onChange={set}
          describedBy={a.describedBy}
          invalid={a.invalid}
        />
      );
    case "refs":
      return (
        <RefsPicker
          id={a.id}
          target={spec.target}
          caseId={caseId}
          value={strList(value)}
          onChange={set}
          describedBy={a.describedBy}
          invalid={a.invalid}
        />
      );
    case "reliability":
      return <ReliabilitySelect {...a} options={spec.options} value={value} onChange={set} />;
    case "credibility":
      return <CredibilitySelect {...a} value={value} onChange={set} />;
    default:
      return null;
  }
}

/** A named field of a record or of an object inside it. */
export function FieldEditor(props: { field: FieldOf; path: Path; value: unknown }) {
  const { mayProtect } = useForm();
  const f = props.field;
  // Only a source-handler may make a source confidential and give its protected identity.
  if ((f.name === "confidential" || f.name === "protectedIdentity") && !mayProtect) return null;
  return (
    <>
      <SpecEditor spec={f.spec} path={props.path} name={f.name} required={f.required} value={props.value} />
      {f.spec.t === "credibility" && <GradingScale reliability={SourceSchema.shape.reliability.options} />}
    </>
  );
}
