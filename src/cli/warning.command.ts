/**
 * `tocsin warning issue` and `tocsin contact add|list`: issue a warning through the desk (from an alert's
 * playbook actions and duty-bearers, or from scratch) and manage where actors receive warnings.
 * @module
 */
import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { IssueWarningSchema } from "../contracts/api/issue-warning.schema.js";
import {
  DeskError,
  draftFromAlert,
  issueWarning,
  systemClock,
  type IssueWarningInput,
} from "../desk/index.js";
import type { Store } from "../storage/index.js";
import { addContactPoint, CONTACT_CHANNELS, contactPointsOf, DESK_LANGUAGES } from "../storage/desk/index.js";
import { CliError, usageError } from "./cli-error.js";
import type { CliContext } from "./context.js";
import { deskKeyFor } from "./desk-runtime.js";
import { printJson } from "./io.js";
import { withStore } from "./with-store.js";

interface IssueOpts {
  db: string;
  case: string;
  fromAlert?: string;
  file?: string;
  sender?: string;
  to?: string;
  summary?: string;
  json?: boolean;
}

function deskFailure(e: unknown): never {
  if (e instanceof DeskError) throw new CliError(e.message, 2, e.code);
  throw e;
}

async function inputOf(store: Store, o: IssueOpts): Promise<IssueWarningInput> {
  let input: Partial<IssueWarningInput> = o.fromAlert
    ? await draftFromAlert(store, o.case, o.fromAlert).catch(deskFailure)
    : {};
  if (o.file) {
    let body: unknown;
    try {
      body = JSON.parse(await readFile(o.file, "utf8"));
    } catch (e) {
      throw usageError(`${o.file}: not readable JSON (${e instanceof Error ? e.message : String(e)})`);
    }
    const parsed = IssueWarningSchema.safeParse(body);
    if (!parsed.success)
      throw usageError(
        `${o.file}: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`,
      );
    input = { ...input, ...(parsed.data as Partial<IssueWarningInput>) };
  }
  if (o.sender) input = { ...input, sender: o.sender };
  if (o.to)
    input = {
      ...input,
      recipients: o.to
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    };
  if (o.summary) input = { ...input, summary: o.summary };
  if (!input.sender || !input.recipients || !input.summary)
    throw usageError("a warning needs --sender, --to and --summary (or --from-alert ID, or --file FILE)");
  return { ...input, caseId: o.case } as IssueWarningInput;
}

/** Register `tocsin warning` and `tocsin contact`. */
export function registerWarningCommands(program: Command, ctx: CliContext): void {
  const warning = program.command("warning").description("issue warnings through the desk");
  warning
    .command("issue")
    .description("issue a warning: stored in the ledger and queued for delivery in one transaction")
    .requiredOption("--case <id>", "case id in the store")
    .option("--from-alert <id>", "pre-fill from a stored alert: the playbook's actions and duty-bearers")
    .option("--file <file>", "the warning as JSON (sender, recipients, summary, requestedActions, evidence…)")
    .option("--sender <actor>", "who warns (an actor of the case)")
    .option("--to <actors>", "recipients, comma-separated actor ids")
    .option("--summary <text>", "what the warning says")
    .option("--db <path>", "store: SQLite file or postgres:// URL", ctx.defaultDb)
    .option("--json", "print the result as JSON")
    .action(async (o: IssueOpts) => {
      await withStore(o.db, async (store) => {
        const input = await inputOf(store, o);
        let r;
        try {
          r = await issueWarning(input, {
            store,
            clock: systemClock,
            deskKey: deskKeyFor(o.db),
            actor: "cli",
          });
        } catch (e) {
          deskFailure(e);
        }
        if (!r) throw new CliError("the warning was not issued", 1);
        if (o.json) printJson(ctx.io, r);
        else
          ctx.io.out(
            `Issued ${r.warning.id}: ${r.deliveries.length} deliver(y/ies) queued` +
              (r.unreachable.length > 0 ? `; no contact point for ${r.unreachable.join(", ")}` : "") +
              "\n",
          );
        if (r.unreachable.length > 0) ctx.setExitCode(1);
      });
    });

  const contact = program.command("contact").description("where actors receive warnings (admin)");
  contact
    .command("add")
    .description("add a contact point: an e-mail address, a webhook URL or an outbox file of an actor")
    .requiredOption("--case <id>", "case id")
    .requiredOption("--actor <id>", "actor id")
    .requiredOption("--channel <channel>", CONTACT_CHANNELS.join(" | "))
    .requiredOption("--address <address>", "e-mail address, http(s) URL or file path")
    .option("--lang <lang>", DESK_LANGUAGES.join(" | "), "en")
    .option("--db <path>", "store: SQLite file or postgres:// URL", ctx.defaultDb)
    .action(
      async (o: {
        case: string;
        actor: string;
        channel: string;
        address: string;
        lang: string;
        db: string;
      }) => {
        if (!(CONTACT_CHANNELS as readonly string[]).includes(o.channel))
          throw usageError(`--channel must be one of ${CONTACT_CHANNELS.join(", ")}, not "${o.channel}"`);
        if (!(DESK_LANGUAGES as readonly string[]).includes(o.lang))
          throw usageError(`--lang must be one of ${DESK_LANGUAGES.join(", ")}, not "${o.lang}"`);
        if (o.channel === "email" && !/^[^@\s]+@[^@\s]+$/.test(o.address))
          throw usageError(`--address "${o.address}" is not an e-mail address`);
        if (o.channel === "webhook" && !/^https?:\/\//.test(o.address))
          throw usageError("--address of a webhook must be an http:// or https:// URL");
        await withStore(o.db, async (store) => {
          const cp = await addContactPoint(
            store,
            {
              caseId: o.case,
              actorId: o.actor,
              channel: o.channel as (typeof CONTACT_CHANNELS)[number],
              address: o.address,
              language: o.lang as (typeof DESK_LANGUAGES)[number],
            },
            systemClock().toISOString(),
          );
          ctx.io.out(`Contact point ${cp.id} (${cp.channel}, ${cp.language}) for ${cp.actorId}\n`);
        });
      },
    );
  contact
    .command("list")
    .description("list a case's contact points")
    .requiredOption("--case <id>", "case id")
    .option("--db <path>", "store: SQLite file or postgres:// URL", ctx.defaultDb)
    .action(async (o: { case: string; db: string }) => {
      await withStore(o.db, async (store) => {
        for (const cp of await contactPointsOf(store.db, o.case))
          ctx.io.out(`${cp.id}\t${cp.actorId}\t${cp.channel}\t${cp.language}\t${cp.address}\n`);
      });
    });
}
