// Searchable pickers for ids that point at other records of the case (actors, groups, sources, …): a text input
// with the case's records of that kind as suggestions (type any part of the id or name), one id or several.
import { useEffect, useState } from "preact/hooks";
import { getJson } from "../api.js";
import { useI18n } from "../i18n.js";
import type { RefTarget } from "./field-spec.js";

export interface RefOption {
  readonly id: string;
  readonly label: string;
}

const cache = new Map<string, Promise<RefOption[]>>();

/** Forget the loaded suggestions (after a write, so a new record is offered). */
export function forgetRefOptions(): void {
  cache.clear();
}

function labelOf(r: Record<string, unknown>): string {
  for (const k of ["name", "title", "summary"]) if (typeof r[k] === "string") return r[k];
  return "";
}

function load(target: RefTarget, caseId: string): Promise<RefOption[]> {
  const key = `${target}|${caseId}`;
  let p = cache.get(key);
  if (!p) {
    const c = encodeURIComponent(caseId);
    p =
      target === "side"
        ? getJson<{ case: { sides?: { id: string; name: string }[] } }>(`/api/cases/${c}`).then((d) =>
            (d.case.sides ?? []).map((s) => ({ id: s.id, label: s.name })),
          )
        : getJson<{ items: Record<string, unknown>[] }>(`/api/records/${target}?case=${c}&limit=500`).then(
            (d) => d.items.map((r) => ({ id: String(r.id), label: labelOf(r) })),
          );
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return p;
}

/** The case's records a picker offers. */
export function useRefOptions(target: RefTarget, caseId: string): RefOption[] {
  const [opts, setOpts] = useState<RefOption[]>([]);
  useEffect(() => {
    let live = true;
    if (caseId)
      load(target, caseId).then(
        (o) => live && setOpts(o),
        () => undefined,
      );
    return () => {
      live = false;
    };
  }, [target, caseId]);
  return opts;
}

interface PickerProps {
  readonly id: string;
  readonly target: RefTarget;
  readonly caseId: string;
  readonly describedBy: string | undefined;
  readonly invalid: boolean;
}

function Suggestions(props: { id: string; options: RefOption[] }) {
  return (
    <datalist id={props.id}>
      {props.options.map((o) => (
        <option key={o.id} value={o.id} label={o.label ? `${o.label} (${o.id})` : o.id} />
      ))}
    </datalist>
  );
}

/** One id. */
export function RefPicker(props: PickerProps & { value: string; onChange: (v: string) => void }) {
  const options = useRefOptions(props.target, props.caseId);
  const chosen = options.find((o) => o.id === props.value);
  return (
    <>
      <input
        id={props.id}
        list={`${props.id}-list`}
        autocomplete="off"
        value={props.value}
        aria-invalid={props.invalid}
        aria-describedby={props.describedBy}
        onInput={(e) => props.onChange(e.currentTarget.value.trim())}
      />
      <Suggestions id={`${props.id}-list`} options={options} />
      {chosen?.label && <span class="hint">{chosen.label}</span>}
    </>
  );
}

/** Several ids: the chosen ones as removable chips, and a search box to add one (Enter or the Add button). */
export function RefsPicker(
  props: PickerProps & { value: readonly string[]; onChange: (v: string[]) => void },
) {
  const { t } = useI18n();
  const options = useRefOptions(props.target, props.caseId);
  const [draft, setDraft] = useState("");
  const add = () => {
    const id = draft.trim();
    if (id && !props.value.includes(id)) props.onChange([...props.value, id]);
    setDraft("");
  };
  const label = (id: string) => options.find((o) => o.id === id)?.label;
  return (
    <>
      {props.value.length > 0 && (
        <ul class="chips">
          {props.value.map((id) => (
            <li key={id}>
              <span>
                {label(id) ?? id}
                {label(id) && <span class="visually-hidden"> ({id})</span>}
              </span>
              <button
                type="button"
                aria-label={`${t("common.remove")} ${label(id) ?? id}`}
                onClick={() => props.onChange(props.value.filter((x) => x !== id))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class="picker-row">
        <input
          id={props.id}
          list={`${props.id}-list`}
          autocomplete="off"
          placeholder={t("form.search")}
          value={draft}
          aria-invalid={props.invalid}
          aria-describedby={props.describedBy}
          onInput={(e) => setDraft(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              add();
            }
          }}
        />
        <button type="button" onClick={add}>
          {t("common.add")}
        </button>
      </div>
      <Suggestions id={`${props.id}-list`} options={options} />
    </>
  );
}
