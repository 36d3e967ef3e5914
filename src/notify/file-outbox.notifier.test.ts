import { describe, it, expect, afterEach } from "vitest";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileOutboxNotifier } from "./file-outbox.notifier.js";
import type { AlertMessage } from "./alert-message.js";

const message: AlertMessage = {
  alert: "alert-zza-2001-01-01-elevated",
  caseId: "c",
  date: "2001-01-01",
  situation: { id: "ZZA/*", country: "ZZA" },
  level: "elevated",
  previousLevel: "none",
  score: 2,
  reasons: [],
  recommendedActions: [],
  dutyBearers: [
    { id: "a", name: "A" },
    { id: "b", name: "B" },
  ],
  evidence: [],
};

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tmpFile(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), "tocsin-outbox-unit-"));
  dirs.push(d);
  return path.join(d, "out.jsonl");
}
const lines = (f: string) => readFileSync(f, "utf8").split("\n").filter(Boolean);

describe("fileOutboxNotifier", () => {
  it("appends one line per duty-bearer and marks a second delivery as duplicate", async () => {
    const file = tmpFile();
    const first = await fileOutboxNotifier(file).deliver(message);
    const second = await fileOutboxNotifier(file).deliver(message);
    expect(first.deliveries.map((d) => d.status)).toEqual(["delivered", "delivered"]);
    expect(second.deliveries.map((d) => [d.status, d.attempts])).toEqual([
      ["duplicate", 0],
      ["duplicate", 0],
    ]);
    expect(lines(file)).toHaveLength(2);
    expect(lines(file).map((l) => (JSON.parse(l) as { recipient: { id: string } }).recipient.id)).toEqual([
      "a",
      "b",
    ]);
  });

  it("serialises concurrent deliveries of one instance: no duplicate lines", async () => {
    const file = tmpFile();
    const n = fileOutboxNotifier(file);
    await Promise.all([n.deliver(message), n.deliver(message), n.deliver(message)]);
    expect(lines(file)).toHaveLength(2);
  });

  it("skips a torn or foreign line and keeps it", async () => {
    const file = tmpFile();
    writeFileSync(file, '{"torn":\nnot json\n');
    const r = await fileOutboxNotifier(file).deliver(message);
    expect(r.ok).toBe(true);
    expect(lines(file)).toHaveLength(4);
    expect(lines(file)[1]).toBe("not json");
  });

  it("reports a missing folder as a failed delivery", async () => {
    const file = path.join(tmpFile(), "no", "such", "out.jsonl");
    const r = await fileOutboxNotifier(file).deliver(message);
    expect(r.ok).toBe(false);
    expect(r.deliveries.map((d) => d.error)).toEqual([
      "cannot append to the outbox: ENOENT",
      "cannot append to the outbox: ENOENT",
    ]);
  });
});
