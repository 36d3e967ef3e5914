/**
 * `tocsin worker [--db PATH]`: deliver the desk's queued warnings and watch their deadlines until Ctrl-C or
 * SIGTERM (see docs/notify.md). Several may run on one PostgreSQL store; on SQLite one works and another waits.
 * @module
 */
import type { Command } from "commander";
import type { CliContext } from "./context.js";
import { startDeskWorker } from "./desk-runtime.js";
import { untilSignal } from "./serve.command.js";
import { withStore } from "./with-store.js";

/** Register `tocsin worker`. */
export function registerWorkerCommand(program: Command, ctx: CliContext): void {
  program
    .command("worker")
    .description("deliver issued warnings (e-mail, webhook, outbox) and watch their deadlines, until Ctrl-C")
    .option("--db <path>", "store: SQLite file or postgres:// URL", ctx.defaultDb)
    .action(async (opts: { db: string }) => {
      await withStore(opts.db, async (store) => {
        const stop = startDeskWorker(ctx, opts.db, store);
        ctx.io.err("tocsin worker: running (Ctrl-C stops)\n");
        const sig = await untilSignal();
        ctx.io.err(`tocsin worker: ${sig} received, stopping\n`);
        await stop();
      });
    });
}
