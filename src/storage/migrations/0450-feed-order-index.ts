/**
 * Migration 0450: every record table indexed in the feed order — case, known day, then id by code point — so
 * reading a case page by page in that order (`caseFeed`, a replay of a stored case) is an index range scan.
 * Before it, the (case, known day) index left the ids of one day to be sorted for every page: an import whose
 * records share a few known days (a dataset's yearly releases) sorted tens of thousands of rows per page, and a
 * million-event replay spent most of its time there. The new index starts with the old one's columns, which it
 * replaces. It covers the record tables of migration 0002 (a later record table brings its own index).
 */
import { sql } from "kysely";
import { RECORD_TABLES } from "./0002-records.js";
import type { StoreMigration } from "./migration.js";

export const migration0450FeedOrderIndex: StoreMigration = {
  name: "0450-feed-order-index",
  async up(db, ctx) {
    for (const name of RECORD_TABLES) {
      await db.schema
        .createIndex(`${name}_feed_idx`)
        .on(name)
        .expression(sql`case_id, known_at, ${ctx.byteOrdered("id")}`)
        .execute();
      await db.schema.dropIndex(`${name}_known_idx`).execute();
    }
  },
};
