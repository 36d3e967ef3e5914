// What every field of a record form needs: the case (for pickers), the problems by path, and the setter.
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { Path } from "./form-value.js";

export interface FormCtx {
  readonly caseId: string;
  /** Problem messages by dotted path (`citations.0.locator`). */
  readonly problems: ReadonlyMap<string, readonly string[]>;
  readonly set: (path: Path, value: unknown) => void;
  /** Whether the signed-in user may mark a source confidential (source-handlers). */
  readonly mayProtect: boolean;
}

export const FormContext = createContext<FormCtx>({
  caseId: "",
  problems: new Map(),
  set: () => undefined,
  mayProtect: false,
});

export function useForm(): FormCtx {
  return useContext(FormContext);
}
