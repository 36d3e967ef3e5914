import { describe, expect, it } from "vitest";
import { tocsinFormat, TOCSIN_CSV_REQUIRED } from "./tocsin.format.js";

const ctx = { sourceId: "tocsin.source.test" };
const CSV_HEADER = [...TOCSIN_CSV_REQUIRED, "perpetrators", "fatalitiesBest"];

function csv() {
  const b = tocsinFormat.bind([CSV_HEADER], ctx);
  if ("error" in b) throw new Error(b.error);
  return b;
}
function jsonl() {
  const b = tocsinFormat.bind([], ctx);
  if ("error" in b) throw new Error(b.error);
  return b;
}
const incident = (record: Record<string, unknown>): string[] => [
  JSON.stringify({
    kind: "incident",
    record: {
      id: "inc-j1",
      occurredAt: "1994-04-07",
      knownAt: "1994-04-08",
      summary: "Killings at a roadblock",
      acts: ["killing"],
      place: { country: "RWA" },
      perpetrators: [],
      ...record,
    },
  }),
];
const actor = (id: string): string[] => [
  JSON.stringify({
    kind: "actor",
    record: {
      id,
      occurredAt: "1992",
      knownAt: "1992-12-31",
      kind: "militia",
      name: "Militia X",
      dutyBearer: false,
      roles: ["perpetrator"],
    },
  }),
];

describe("Tocsin format: the case loader's date checks (#6)", () => {
  it("rejects a CSV incident known before it happened, naming knownAt", () => {
    const m = csv().map(["inc-x", "2020-05-01", "2019-01-01", "Killings", "killing", "RWA", "", ""], 2);
    expect(m).toEqual({
      kind: "reject",
      problems: [
        {
          field: "knownAt",
          reason:
            "knownAt 2019-01-01 is before the record's occurredAt starts (2020-05-01): a record of kind incident cannot be known before it happened",
        },
      ],
    });
  });

  it("rejects dates outside 1800–2100 and JSON records known early", () => {
    const early = jsonl().map(incident({ occurredAt: "1994-04-07", knownAt: "1994-01-01" }), 1);
    expect(early.kind === "reject" && early.problems.map((p) => p.field)).toEqual(["knownAt"]);
    const far = jsonl().map(incident({ occurredAt: "1994-04-07", knownAt: "9999-12-31" }), 1);
    expect(far).toEqual({
      kind: "reject",
      problems: [
        {
          field: "knownAt",
          reason: "date 9999-12-31 is outside the plausible window 1800-01-01..2100-12-31",
        },
      ],
    });
    const old = csv().map(["inc-y", "1700-05-01", "1700-05-02", "Old", "killing", "RWA", "", ""], 2);
    expect(old.kind === "reject" && old.problems.map((p) => p.field)).toEqual(["occurredAt", "knownAt"]);
  });

  it("rejects fatalities a number cannot hold exactly (the schema's check) (#6)", () => {
    const m = csv().map(
      ["inc-z", "2020-05-01", "2020-05-02", "Killings", "killing", "RWA", "", "99999999999999999999999"],
      2,
    );
    expect(m).toEqual({
      kind: "reject",
      problems: [{ field: "fatalities.best", reason: expect.stringMatching(/9007199254740991/) }],
    });
  });
});

describe("Tocsin format: actor references (#6)", () => {
  it("leaves a reference to no actor of the file for the store check, naming the field", () => {
    const m = jsonl().map(incident({ perpetrators: ["nobody"] }), 1);
    if (m.kind !== "record") throw new Error("expected a record");
    expect(m.refs).toEqual([{ field: "perpetrators.0", kind: "actor", id: "nobody" }]);
  });

  it("resolves references to actors earlier in the file", () => {
    const b = jsonl();
    expect(b.map(actor("militia-x"), 1).kind).toBe("record");
    const m = b.map(incident({ perpetrators: ["militia-x"], targets: ["militia-y"] }), 2);
    if (m.kind !== "record") throw new Error("expected a record");
    expect(m.refs).toEqual([{ field: "targets.0", kind: "actor", id: "militia-y" }]);
  });

  it("CSV incidents' perpetrators are all for the store check", () => {
    const m = csv().map(["inc-x", "2020-05-01", "2020-05-02", "Killings", "killing", "RWA", "a;b", ""], 2);
    if (m.kind !== "record") throw new Error("expected a record");
    expect(m.refs?.map((r) => `${r.field}=${r.id}`)).toEqual(["perpetrators.0=a", "perpetrators.1=b"]);
  });
});

describe("Tocsin format: header names", () => {
  it("detects and binds headers with spaces or another case, as binding does (#6)", () => {
    const messy = CSV_HEADER.map((h) => ` ${h.toUpperCase()} `);
    expect(tocsinFormat.detect(messy.join(","), [messy])).toBe(true);
    const b = tocsinFormat.bind([messy], ctx);
    if ("error" in b) throw new Error(b.error);
    const m = b.map(["inc-x", "2020-05-01", "2020-05-02", "Killings", "killing", "RWA", "", "3"], 2);
    expect(m.kind === "record" && m.record.kind === "incident" && m.record.value.fatalities).toEqual({
      best: 3,
    });
  });
});
