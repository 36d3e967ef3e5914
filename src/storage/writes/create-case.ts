/**
 * A case created through the API: its manifest (format 2), and for a live situation (no end) a `live_cases`
 * row so its period widens as records arrive; logged and audited in the same transaction.
 * @module
 */
import type { CaseManifest } from "../../domain/index.js";
import { canonicalJson, sha256Hex } from "../records/canonical-json.js";
import type { Store } from "../store.js";
import { toStoreError } from "../store-registry.js";
import { appendToLog } from "../log/log-append.js";
import { recordAudit } from "../accounts/account.repository.js";
import { putCaseSettings, type CaseSettings } from "./case-settings.js";
import { WriteError } from "./write-error.js";

/** A new case: `end` undefined means a live case, open-ended (its period ends on the latest record). */
export interface NewCase {
  readonly manifest: CaseManifest;
  readonly live: boolean;
  readonly actor: string;
  readonly at: string;
  /** Settings other than the defaults, written in the same transaction. */
  readonly settings?: CaseSettings;
}

/**
 * Create a case. @throws WriteError EXISTS when the id is taken (nothing written).
 * @example await createCase(store, { manifest, live: true, actor: "u1", at: new Date().toISOString() })
 */
export async function createCase(store: Store, c: NewCase): Promise<void> {
  try {
    await store.db.transaction().execute(async (trx) => {
      const id = c.manifest.id;
      const found = await trx.selectFrom("cases").select("id").where("id", "=", id).executeTakeFirst();
      if (found) throw new WriteError("EXISTS", `a case with id "${id}" exists`);
      const json = canonicalJson(c.manifest);
      await trx
        .insertInto("cases")
        .values({
          id,
          title: c.manifest.title,
          manifest: json,
          content_hash: sha256Hex(json),
          loaded_at: c.at,
        })
        .execute();
      if (c.live)
        await trx
          .insertInto("live_cases")
          .values({ case_id: id, created_by: c.actor, created_at: c.at })
          .execute();
      await appendToLog(trx, [{ action: "create", table: "cases", key: { id }, actor: c.actor, at: c.at }]);
      await recordAudit(trx, { at: c.at, actor: c.actor, action: "case.create", target: id, outcome: "ok" });
      if (c.settings) await putCaseSettings(trx, id, c.settings, c.actor, c.at);
    });
  } catch (e) {
    if (e instanceof WriteError) throw e;
    throw toStoreError(store, e, `create case ${c.manifest.id}`);
  }
}
