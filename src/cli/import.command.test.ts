// `tocsin import` through the CLI runner: zips from macOS Finder, the ETA of compressed inputs, control
// characters from the input escaped before they reach a terminal, and one JSON document on stdout with --json
// whatever the outcome.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { cliContext, makeZip, SAMPLES, tempDir } from "../../test/importers/helpers.js";
import { buildZip, finderZip } from "../../test/importers/zip-entries.js";
import { runInProcess } from "../../test/cli/run-in-process.js";
import { runCli } from "./run-cli.js";

/** Any C0 or C1 control character but the line feed (the CLI's own line breaks). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/u;
const PAYLOAD = "\u001b]0;PWNED\u0007\u001b[31mRED\u009b";
const SHOWN = "\\u001b]0;PWNED\\u0007\\u001b[31mRED\\u009b";

/** The ACLED sample with `edit` applied to its lines. */
function acledWith(dir: string, name: string, edit: (lines: string[]) => void): string {
  const lines = readFileSync(SAMPLES.acledOneCountry, "utf8").split("\n");
  edit(lines);
  const file = join(dir, name);
  writeFileSync(file, lines.join("\n"));
  return file;
}

/** Run the CLI with a terminal on stderr (the progress bar shows only there). */
async function onTerminal(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { ctx, out, err } = cliContext("", { isTTY: true });
  const exit = await runCli(args, ctx);
  return { code: exit, stdout: out.join(""), stderr: err.join("") };
}

describe("tocsin import: archives", () => {
  it("imports a zip made by macOS Finder (data file plus __MACOSX/._file), stored or deflated", async () => {
    const dir = tempDir();
    const data = readFileSync(SAMPLES.acledOneCountry);
    for (const method of [0, 8] as const) {
      const zip = join(dir, `acled-${method}.zip`);
      writeFileSync(zip, finderZip("acled.csv", data, method));
      const r = await runInProcess(["import", "auto", zip, "--db", join(dir, `t${method}.db`)]);
      expect([r.code, r.stderr]).toEqual([0, ""]);
      expect(r.stdout).toContain("read 120, imported 120");
    }
  });

  it("shows an ETA for zip and gzip inputs on a terminal, and no progress bar elsewhere", async () => {
    const dir = tempDir();
    const data = readFileSync(SAMPLES.acledOneCountry);
    const zip = join(dir, "acled.zip");
    writeFileSync(zip, buildZip([{ name: "acled.csv", data }]));
    const gz = join(dir, "acled.csv.gz");
    writeFileSync(gz, gzipSync(data));
    for (const file of [zip, gz, SAMPLES.acledOneCountry]) {
      const tty = await onTerminal(["import", "acled", file, "--db", join(dir, "tty.db")]);
      expect(tty.code, file).toBe(0);
      expect(tty.stderr, file).toMatch(/\[#+-*\] +\d+% {2}[\d,]+ rows {2}[\d,]+ rows\/s {2}ETA \d+s/);
      const plain = await runInProcess(["import", "acled", file, "--db", join(dir, "plain.db")]);
      expect([plain.code, plain.stderr], file).toEqual([0, ""]);
    }
  });
});

describe("tocsin import: text from the input cannot drive the terminal", () => {
  it("escapes control characters of a rejected cell, on stderr and in --json", async () => {
    const dir = tempDir();
    const file = acledWith(dir, "esc.csv", (lines) => {
      lines[2] = (lines[2] as string).replace(/,\d+$/, `,${PAYLOAD}`);
    });
    const r = await runInProcess(["import", "acled", file, "--db", join(dir, "t.db")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`line 3: timestamp: "${SHOWN}" is not a whole number`);
    expect(r.stderr).not.toMatch(RAW_CONTROL);
    expect(r.stdout).not.toMatch(RAW_CONTROL);

    const j = await runInProcess(["import", "acled", file, "--db", join(dir, "j.db"), "--json"]);
    expect(j.code).toBe(1);
    expect(j.stdout).not.toMatch(RAW_CONTROL);
    const report = JSON.parse(j.stdout) as { problems: { reasons: string[] }[] };
    expect(report.problems[0]?.reasons[0]).toBe(`timestamp: "${PAYLOAD}" is not a whole number`);
  });

  it("escapes the header list of a missing-columns error and the entry names of a zip", async () => {
    const dir = tempDir();
    const file = acledWith(dir, "hdr.csv", (lines) => {
      lines[0] = (lines[0] as string).replace("event_id_cnty", `${PAYLOAD}evil`);
    });
    const r = await runInProcess(["import", "acled", file, "--db", join(dir, "t.db")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`missing column event_id_cnty (found: ${SHOWN}evil, event_date`);
    expect(r.stderr).not.toMatch(RAW_CONTROL);

    const zip = join(dir, "two.zip");
    const data = Buffer.from("a,b\n1,2\n");
    writeFileSync(
      zip,
      makeZip([
        { name: "a.csv", data },
        { name: `${PAYLOAD}.csv`, data },
      ]),
    );
    const z = await runInProcess(["import", "auto", zip, "--db", join(dir, "t.db")]);
    expect(z.code).toBe(2);
    expect(z.stderr).toContain(`2 data files (a.csv, ${SHOWN}.csv)`);
    expect(z.stderr).not.toMatch(RAW_CONTROL);
  });
});

describe("tocsin import --json: one JSON document on stdout in every outcome", () => {
  interface ErrorDoc {
    error: { code: string; message: string };
    exitCode: number;
    format: string;
    file: string;
  }

  async function failing(args: string[], code: string, exit = 2): Promise<ErrorDoc> {
    const r = await runInProcess([...args, "--json"]);
    expect(r.code, args.join(" ")).toBe(exit);
    const doc = JSON.parse(r.stdout) as ErrorDoc;
    expect(doc.error.code, args.join(" ")).toBe(code);
    expect(doc.exitCode).toBe(exit);
    // The same message on stderr, for a person watching.
    expect(r.stderr).toContain(doc.error.message.split("\n")[0]);
    return doc;
  }

  it("prints an error document for missing columns, unreadable and empty files, and archive limits", async () => {
    const dir = tempDir();
    const db = join(dir, "t.db");
    const noId = acledWith(dir, "no-id.csv", (lines) => {
      lines[0] = (lines[0] as string).replace("event_id_cnty", "id");
    });
    const doc = await failing(["import", "acled", noId, "--db", db], "IMPORT_MISSING_COLUMNS");
    expect([doc.format, doc.file]).toEqual(["acled", noId]);
    expect(doc.error.message).toContain("missing column event_id_cnty");

    await failing(["import", "auto", join(dir, "none.csv"), "--db", db], "IMPORT_UNREADABLE");
    const empty = join(dir, "empty.csv");
    writeFileSync(empty, "");
    await failing(["import", "acled", empty, "--db", db], "IMPORT_EMPTY_FILE");

    const bomb = join(dir, "bomb.zip");
    writeFileSync(bomb, makeZip([{ name: "events.csv", data: Buffer.alloc(8 * 1024 * 1024, 0x30) }]));
    const limit = await failing(["import", "acled", bomb, "--db", db], "IMPORT_ARCHIVE_LIMIT");
    expect(limit.error.message).toContain("decompression bomb");
    const two = join(dir, "two.zip");
    const data = Buffer.from("a,b\n1,2\n");
    writeFileSync(
      two,
      makeZip([
        { name: "a.csv", data },
        { name: "b.csv", data },
      ]),
    );
    await failing(["import", "acled", two, "--db", db], "IMPORT_ARCHIVE_INVALID");
  });

  it("prints an error document for an unknown format and a store that cannot be opened", async () => {
    const dir = tempDir();
    await failing(["import", "excel", SAMPLES.acledOneCountry, "--db", join(dir, "t.db")], "USAGE");
    const notADb = join(dir, "folder.db");
    mkdirSync(notADb);
    const store = await failing(["import", "acled", SAMPLES.acledOneCountry, "--db", notADb], "STORE_ERROR");
    expect(store.error.message.length).toBeGreaterThan(0);
  });

  it("still prints the report itself for a run that went through, and for a missing --case", async () => {
    const dir = tempDir();
    const db = join(dir, "t.db");
    const ok = await runInProcess(["import", "acled", SAMPLES.acledOneCountry, "--db", db, "--json"]);
    expect(ok.code).toBe(0);
    expect((JSON.parse(ok.stdout) as { imported: number }).imported).toBe(120);
    const missing = await runInProcess([
      "import",
      "acled",
      SAMPLES.acledOneCountry,
      "--db",
      db,
      "--case",
      "nope",
      "--json",
    ]);
    expect(missing.code).toBe(2);
    expect((JSON.parse(missing.stdout) as { fileError: { code: string } }).fileError.code).toBe(
      "IMPORT_CASE_MISSING",
    );
  });
});

describe("tocsin import: Ctrl-C", () => {
  it("stops after the batch in flight, reports, exits 1, and a re-run resumes to the end", async () => {
    const { generate } = await import("../../bench/import-data.generator.js");
    const dir = tempDir();
    const file = join(dir, "acled-5000.csv");
    await generate("acled", file, 5000, 43);
    const db = join(dir, "t.db");
    let interrupt: (() => void) | undefined;
    let listening = 0;
    const { ctx, out, err } = cliContext("", {
      // The user presses Ctrl-C once the first batch is committed.
      onErr: (t) => {
        if (t.startsWith("committed rows")) interrupt?.();
      },
      onInterrupt: (handler) => {
        interrupt = handler;
        listening += 1;
        return () => {
          interrupt = undefined;
          listening -= 1;
        };
      },
    });
    const exit = await runCli(["import", "acled", file, "--db", db, "--json", "--progress-lines"], ctx);
    const first = JSON.parse(out.join("")) as { read: number; imported: number; interrupted: boolean };
    expect(exit).toBe(1);
    expect(first.interrupted).toBe(true);
    // Stopped after the first batch: fewer rows than the file, every one of them committed.
    expect(first.read).toBeGreaterThan(0);
    expect(first.read).toBeLessThan(5000);
    expect(first.imported).toBe(first.read);
    expect(listening).toBe(0);
    expect(err.join("")).toContain("the import stopped part-way; run the same command again to resume");

    const again = await runInProcess(["import", "acled", file, "--db", db, "--json"]);
    const second = JSON.parse(again.stdout) as {
      read: number;
      imported: number;
      resumedAfterLine: number;
      interrupted: boolean;
    };
    expect(again.code).toBe(0);
    expect(second.resumedAfterLine).toBeGreaterThan(0);
    expect([second.read, second.imported, second.interrupted]).toEqual([5000, 5000, false]);
  });
});

describe("tocsin import: refused before any store exists", () => {
  it("a bad --rejects path or a malformed --release exits 2 and creates no store file", async () => {
    const dir = tempDir();
    const cases: [string[], RegExp][] = [
      [
        ["import", "acled", SAMPLES.acledOneCountry, "--rejects", join(dir, "missing", "r.csv")],
        /rejects file .*cannot be created/,
      ],
      [["import", "acled", SAMPLES.acledOneCountry, "--rejects", SAMPLES.acledOneCountry], /rejects file/],
      [["import", "ucdp-ged", SAMPLES.ucdp, "--release", "2023"], /not a UCDP GED release/],
    ];
    for (const [i, [args, message]] of cases.entries()) {
      const db = join(dir, `s${i}.db`);
      const r = await runInProcess([...args, "--db", db]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(existsSync(db)).toBe(false);
    }
  });
});

describe("tocsin import: Ctrl-C before anything is written", () => {
  it("stops the strict check pass too: exit 1, an interrupted report, nothing written", async () => {
    const dir = tempDir();
    const db = join(dir, "t.db");
    // A bad last row: a strict check pass that ran to the end would report it (exit 2) instead of stopping.
    const file = join(dir, "bad-last.csv");
    const lines = readFileSync(SAMPLES.acledMixed, "utf8").trimEnd().split("\n");
    const last = (lines.at(-1) as string).split(",");
    last[0] = '"ZZZ99999"';
    last[last.length - 3] = "many";
    writeFileSync(file, `${[...lines, last.join(",")].join("\n")}\n`);
    // Ctrl-C pressed as soon as the import listens.
    const { ctx, out } = cliContext("", {
      onInterrupt: (handler) => {
        handler();
        return () => undefined;
      },
    });
    const exit = await runCli(["import", "acled", file, "--db", db, "--strict", "--json"], ctx);
    const report = JSON.parse(out.join("")) as {
      fileError?: { code: string };
      imported: number;
      written: boolean;
    };
    expect(exit).toBe(1);
    expect(report.fileError?.code).toBe("IMPORT_INTERRUPTED");
    expect([report.imported, report.written]).toEqual([0, false]);
    const again = await runInProcess(["import", "acled", file, "--db", db, "--json"]);
    const done = JSON.parse(again.stdout) as { imported: number; rejected: number };
    expect([done.imported, done.rejected]).toEqual([480, 1]);
  });
});
