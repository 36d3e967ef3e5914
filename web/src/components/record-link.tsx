// A link to a record's page.
import type { ComponentChildren } from "preact";
import { href } from "../router.js";

/** Link to `#/record/{kind}/{id}?case=…`. */
export function RecordLink(props: {
  kind: string;
  id: string;
  caseId?: string;
  children?: ComponentChildren;
}) {
  return (
    <a href={href(["record", props.kind, props.id], { case: props.caseId })}>{props.children ?? props.id}</a>
  );
}
