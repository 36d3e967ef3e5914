// A risk level or request status as a labelled badge; colour is never the only cue (the word is shown).
import { useI18n } from "../i18n.js";

/** A badge for a level (`none` … `ongoing`) or a status (`open` … `lapsed`). */
export function Badge(props: { value: string }) {
  const { v } = useI18n();
  return <span class={`badge badge-${props.value.replace(/[^a-z-]/g, "")}`}>{v(props.value)}</span>;
}
