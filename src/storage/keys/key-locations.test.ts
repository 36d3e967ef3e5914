import { describe, expect, it } from "vitest";
import { StoreError } from "../store-error.js";
import {
  fieldKeyFileOf,
  keyDirOf,
  keySettingsFromEnv,
  logKeyFileOf,
  serverStoreId,
} from "./key-locations.js";

describe("key locations", () => {
  it("reads TOCSIN_KEYS and the data home (XDG_DATA_HOME, else HOME) from the environment it is given", () => {
    expect(keySettingsFromEnv({ HOME: "/home/ana" })).toEqual({
      serverKeysHome: "/home/ana/.local/share/tocsin/keys",
    });
    expect(keySettingsFromEnv({ HOME: "/home/ana", XDG_DATA_HOME: "/data/ana" })).toEqual({
      serverKeysHome: "/data/ana/tocsin/keys",
    });
    // A relative XDG_DATA_HOME is ignored (XDG Base Directory specification); so is a relative HOME.
    expect(keySettingsFromEnv({ HOME: "/home/ana", XDG_DATA_HOME: "data" }).serverKeysHome).toBe(
      "/home/ana/.local/share/tocsin/keys",
    );
    expect(keySettingsFromEnv({ HOME: "home" })).toEqual({});
    expect(keySettingsFromEnv({ TOCSIN_KEYS: "/srv/keys" })).toEqual({ keysDir: "/srv/keys" });
  });

  it("keeps a SQLite store's keys beside the file and a server store's under the data home, never in the working directory", () => {
    const home = { serverKeysHome: "/home/ana/.local/share/tocsin/keys" };
    expect(keyDirOf("/var/lib/tocsin.db", home)).toBe("/var/lib/tocsin.db.keys");
    expect(keyDirOf("./tocsin.db", home)).toBe("./tocsin.db.keys");
    const pg = "postgres://tocsin:secret@db.example.org:6543/evidence?schema=team_a";
    expect(keyDirOf(pg, home)).toBe("/home/ana/.local/share/tocsin/keys/db.example.org-6543-evidence-team_a");
    expect(fieldKeyFileOf(pg, home)).toBe(
      "/home/ana/.local/share/tocsin/keys/db.example.org-6543-evidence-team_a/field.key",
    );
    expect(logKeyFileOf(pg, home)).toBe(
      "/home/ana/.local/share/tocsin/keys/db.example.org-6543-evidence-team_a/log.key",
    );
    // TOCSIN_KEYS / --keys names the folder of any store; explicit key files still win.
    expect(keyDirOf(pg, { ...home, keysDir: "/srv/keys" })).toBe("/srv/keys");
    expect(keyDirOf("x.db", { keysDir: "/srv/keys" })).toBe("/srv/keys");
    expect(fieldKeyFileOf(pg, { keysDir: "/srv/keys", fieldKeyFile: "/etc/f.key" })).toBe("/etc/f.key");
  });

  it("refuses to place a server store's keys when neither TOCSIN_KEYS nor a home is known", () => {
    const pg = "postgresql://u:secret@h/db";
    expect(() => keyDirOf(pg)).toThrow(StoreError);
    expect(() => keyDirOf(pg)).toThrow(/TOCSIN_KEYS or --keys DIR/u);
    // The password never reaches the message.
    expect(() => keyDirOf(pg)).not.toThrow(/secret/u);
  });

  it("names a server store by host, port, database and schema, escaped for a file name", () => {
    expect(serverStoreId("postgres://root@127.0.0.1:5432/test")).toBe("127.0.0.1-5432-test");
    expect(serverStoreId("postgres://u:pw@h/db?schema=s1")).toBe("h-5432-db-s1");
    // Without a database the user's name is the database (as libpq does); a socket folder is escaped.
    expect(serverStoreId("postgres://ana@localhost")).toBe("localhost-5432-ana");
    expect(serverStoreId("postgres:///evidence?host=/var/run/postgresql")).toBe(
      "%2Fvar%2Frun%2Fpostgresql-5432-evidence",
    );
    expect(serverStoreId("postgres://h/d%C3%A9j%C3%A0-vu")).toBe("h-5432-d%C3%A9j%C3%A0%2Dvu");
    // Two stores never share a folder: users do not count, schemas do.
    expect(serverStoreId("postgres://a@h/db")).toBe(serverStoreId("postgres://b:x@h/db"));
    expect(serverStoreId("postgres://h/db?schema=a")).not.toBe(serverStoreId("postgres://h/db?schema=b"));
  });
});
