import BetterSqlite3 from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { rebuildWithoutRowid } from "./sqlite-without-rowid.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
let db: Kysely<any> | undefined;

function open(): { raw: BetterSqlite3.Database; db: Kysely<unknown> } {
  const raw = new BetterSqlite3(":memory:");
  raw.pragma("foreign_keys = ON");
  raw.exec(`
    create table parent (id text primary key);
    create table side (pid text not null references parent (id) on delete cascade, seq integer not null,
      note text not null, constraint side_pk primary key (pid, seq));
    create index side_note_idx on side (note, pid);
    insert into parent values ('a'), ('b');
    insert into side values ('a', 0, 'x'), ('a', 1, 'y'), ('b', 0, 'x');`);
  db = new Kysely({ dialect: new SqliteDialect({ database: raw }) });
  return { raw, db };
}

const tableSql = (raw: BetterSqlite3.Database, name: string) =>
  (
    raw.prepare("select sql from sqlite_master where type = 'table' and name = ?").get(name) as {
      sql: string;
    }
  ).sql;

afterEach(async () => {
  await db?.destroy();
  db = undefined;
});

describe("rebuildWithoutRowid", () => {
  it("keeps rows, key, foreign key and indexes, and is idempotent", async () => {
    const { raw, db } = open();
    await rebuildWithoutRowid(db, "side");
    expect(tableSql(raw, "side")).toMatch(/without rowid$/);
    expect(raw.prepare("select pid, seq, note from side order by pid, seq").raw().all()).toEqual([
      ["a", 0, "x"],
      ["a", 1, "y"],
      ["b", 0, "x"],
    ]);
    const indexes = raw.prepare("select name from sqlite_master where type = 'index' and tbl_name = 'side'");
    // The key's separate index is gone (the table is that b-tree now); the explicit index is back.
    expect(indexes.all()).toEqual([{ name: "side_note_idx" }]);
    expect(() => raw.prepare("insert into side values ('a', 0, 'z')").run()).toThrow(/UNIQUE/);
    expect(() => raw.prepare("insert into side values ('zz', 0, 'z')").run()).toThrow(/FOREIGN KEY/);
    raw.prepare("delete from parent where id = 'a'").run();
    expect(raw.prepare("select count(*) as n from side").get()).toEqual({ n: 1 });
    const before = tableSql(raw, "side");
    await rebuildWithoutRowid(db, "side");
    expect(tableSql(raw, "side")).toBe(before);
    expect(raw.prepare("select name from sqlite_master where name like '%with_rowid%'").all()).toEqual([]);
  });

  it("refuses a table another table references, leaving it as it was", async () => {
    const { raw, db } = open();
    const before = tableSql(raw, "parent");
    await expect(rebuildWithoutRowid(db, "parent")).rejects.toThrow(/referenced by side/);
    expect(tableSql(raw, "parent")).toBe(before);
    await expect(rebuildWithoutRowid(db, "missing")).rejects.toThrow(/no table missing/);
  });
});
