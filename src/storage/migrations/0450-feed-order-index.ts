/**
 * Migration 0450: every record table indexed in the feed order — case, known day, then id by code point — so
 * reading a case page by page in that order (`caseFeed`, a replay of a stored case) is an index range scan.
 * Before it, the (case, known day) index left the ids of one day to be sorted for every page: an import whose
 * records share a few known days (a dataset's yearly releases) sorted tens of thousands of rows per page, and a
 * million-event replay spent most of its time there. The new index starts with the old one's columns, which it
 * replaces.
 */
import { sql } from "kysely";
import type { StoreMigration } from "./migration.js";

/** The record tables of migration 0002 (frozen here: a later table brings its own index). */
const RECORD_TABLES = [
  "actors",
  "protected_groups",
  "sources",
  "incidents",
  "reports",
  "warnings",
  "responses",
  "commitments",
  "mandates",
  "capabilities",
  "statements",
  "tribunals",
  "tribunal_cases",
] as const;

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
