import { describe, expect, it } from "vitest";
import { StoreError } from "../storage/store-error.js";
import { ApiError, notFound } from "./api-error.js";
import { toProblem } from "./problem.js";

describe("toProblem", () => {
  it("maps an ApiError to its status, title, code and detail", () => {
    expect(toProblem(notFound("warning", "w-1"), "/api/records/warning/w-1")).toEqual({
      type: "https://tocsin.dev/problems/not-found",
      title: "Not found",
      status: 404,
      detail: 'no warning with id "w-1"',
      instance: "/api/records/warning/w-1",
      code: "not-found",
    });
  });

  it("keeps the invalid parameters of a 400", () => {
    const p = toProblem(
      new ApiError("bad-request", "invalid query.from", [{ name: "query.from", reason: "not a day" }]),
      "/x",
    );
    expect(p).toMatchObject({
      status: 400,
      code: "bad-request",
      invalidParams: [{ name: "query.from", reason: "not a day" }],
    });
  });

  it("never passes on the message of an unexpected error", () => {
    const p = toProblem(new Error("SQLITE_ERROR near SELECT in /srv/tocsin.db"), "/x");
    expect(p).toEqual({
      type: "https://tocsin.dev/problems/internal",
      title: "Internal server error",
      status: 500,
      detail: "the server could not answer this request",
      instance: "/x",
      code: "internal",
    });
  });

  it("answers 503 for a locked store without naming it", () => {
    const p = toProblem(new StoreError("STORE_LOCKED", "/srv/secret/tocsin.db is locked"), "/x");
    expect(p.status).toBe(503);
    expect(p.code).toBe("unavailable");
    expect(JSON.stringify(p)).not.toContain("/srv/secret");
  });

  it("handles a thrown non-error", () => {
    expect(toProblem(undefined, "/x").status).toBe(500);
  });
});
