import { describe, expect, it } from "vitest";
import { alertId, type Alert } from "./alert.js";

const alert = (situation: string): Alert =>
  ({ situation: { id: situation }, date: "2000-01-02", level: "high" }) as unknown as Alert;

describe("alertId", () => {
  it("names a country's or a region's civilians so that no group's id can collide with them", () => {
    expect(alertId(alert("XAA/*"))).toBe("alert-xaa-civilians-2000-01-02-high");
    expect(alertId(alert("XAA/*/north"))).toBe("alert-xaa-civilians-north-2000-01-02-high");
    expect(alertId(alert("XAA/north"))).toBe("alert-xaa-north-2000-01-02-high");
    expect(alertId(alert("XAA/*/north"))).not.toBe(alertId(alert("XAA/north")));
  });
});
