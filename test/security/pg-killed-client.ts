// After a kill -9 of a CLI client of PostgreSQL: wait until the server has ended the killed client's sessions
// (found by the PGAPPNAME the client ran with), which rolls back what they had open and releases their locks.
import type pg from "pg";

/**
 * "ok" once no session named `appName` is left, or a sentence saying how many are still open after 10 s.
 * @example await killedClientGone(pool, "tocsin-crash-1a2b3c4d") // "ok"
 */
export async function killedClientGone(pool: pg.Pool, appName: string): Promise<string> {
  let left = -1;
  for (let waited = 0; waited <= 10_000; waited += 100) {
    const r = await pool.query<{ n: string }>(
      "select count(*)::text as n from pg_stat_activity where application_name = $1",
      [appName],
    );
    left = Number(r.rows[0]?.n);
    if (left === 0) return "ok";
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return `${left} session(s) of the killed client still open after 10 s`;
}
