/**
 * Reading answer tokens for the dispatcher and the answer page.
 * @module
 */
import type { Store } from "../storage/index.js";
import { answerTokenOf, type AnswerTokenRow } from "../storage/desk/index.js";
import { toStoreError } from "../storage/store-registry.js";

/** The token row of (warning, recipient). */
export async function findAnswerTokenFor(
  store: Store,
  caseId: string,
  warningId: string,
  recipientId: string,
): Promise<AnswerTokenRow | undefined> {
  try {
    return await answerTokenOf(store.db, caseId, warningId, recipientId);
  } catch (e) {
    throw toStoreError(store, e, "read an answer token");
  }
}
