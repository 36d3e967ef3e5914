/**
 * `tocsin user add|disable|role|list|token|totp`: local accounts. There is no default account and no default
 * password: the first admin is created here with `user add NAME --admin`, which prints a generated password
 * (or takes TOCSIN_PASSWORD) and, for admins and source-handlers, a TOTP enrolment URI. TOTP secrets are
 * encrypted with the field key (`--field-key-file`, TOCSIN_FIELD_KEY_FILE or base64 TOCSIN_FIELD_KEY).
 * @module
 */
import { randomBytes } from "node:crypto";
import type { Command } from "commander";
import { FieldCipherError, loadFieldKeyFile, parseFieldKey } from "../security/field-cipher.js";
import { hashPassword } from "../security/password-hash.js";
import { needsSecondFactor, parseRole } from "../security/roles.js";
import { newTotpSecret, totpUri } from "../security/totp.js";
import { StoreError } from "../storage/index.js";
import {
  AccountError,
  addUser,
  createApiToken,
  disableUser,
  encryptTotpSecret,
  findUser,
  listUsers,
  setRole,
  setTotpSecret,
} from "../storage/accounts/index.js";
import { installFieldKey, keySettingsFromEnv } from "../storage/keys/index.js";
import { CliError, usageError } from "./cli-error.js";
import type { CliContext } from "./context.js";
import { printJson } from "./io.js";
import { withStore } from "./with-store.js";

interface UserOptions {
  db: string;
  role?: string;
  admin?: boolean;
  fieldKeyFile?: string;
  json?: boolean;
  name?: string;
}

function fieldKey(ctx: CliContext, opts: UserOptions): Buffer {
  try {
    const file = opts.fieldKeyFile ?? ctx.env.TOCSIN_FIELD_KEY_FILE;
    if (file) return loadFieldKeyFile(file);
    if (ctx.env.TOCSIN_FIELD_KEY) return parseFieldKey(ctx.env.TOCSIN_FIELD_KEY);
    // The install's own key beside the store (created on first use), the one every store open uses.
    return installFieldKey(opts.db, keySettingsFromEnv(ctx.env));
  } catch (e) {
    if (e instanceof FieldCipherError) throw usageError(e.message);
    // A key refused where git would commit it, or a server store with no key folder.
    if (e instanceof StoreError) throw new CliError(e.message, 2, e.code);
    throw usageError("cannot read the field key file");
  }
}

function accountError(e: unknown): never {
  if (e instanceof AccountError) throw new CliError(e.message, 2);
  throw e;
}

/** Register `user` and its subcommands. */
export function registerUserCommand(program: Command, ctx: CliContext): void {
  const user = program
    .command("user")
    .description("local accounts and roles (admin, analyst, viewer, source-handler)");
  const common = (c: Command) =>
    c.option("--db <path>", "store (SQLite file or postgres:// URL)", ctx.defaultDb);
  const now = () => new Date();

  common(user.command("add"))
    .description(
      "create a user; prints a generated password (or uses TOCSIN_PASSWORD) and, when required, a TOTP URI",
    )
    .argument("<username>")
    .option("--role <role>", "admin | analyst | viewer | source-handler")
    .option("--admin", "create an admin (how the first admin is made)")
    .option("--field-key-file <path>", "field encryption key file (mode 0600)")
    .action(async (username: string, opts: UserOptions) => {
      const role = opts.admin ? "admin" : opts.role;
      if (!role || !parseRole(role))
        throw usageError("give --admin or --role admin|analyst|viewer|source-handler");
      if (opts.admin && opts.role && opts.role !== "admin") throw usageError("--admin and --role disagree");
      const generated = ctx.env.TOCSIN_PASSWORD === undefined;
      const password = ctx.env.TOCSIN_PASSWORD ?? randomBytes(15).toString("base64url");
      if (password.length < 12) throw usageError("a password has at least 12 characters");
      const key = needsSecondFactor(role) ? fieldKey(ctx, opts) : undefined;
      const passwordHash = await hashPassword(password);
      const totp = key ? newTotpSecret() : undefined;
      const created = await withStore(opts.db, async (store) => {
        try {
          const row = await addUser(store.db, {
            username,
            passwordHash,
            role,
            actor: "cli",
            at: now().toISOString(),
          });
          if (key && totp)
            await setTotpSecret(
              store.db,
              row.username,
              encryptTotpSecret(key, row.id, totp),
              "cli",
              now().toISOString(),
            );
          return row;
        } catch (e) {
          return accountError(e);
        }
      });
      ctx.io.err(`created ${created.role} ${created.username}\n`);
      if (generated) ctx.io.out(`password: ${password}\n`);
      if (totp) ctx.io.out(`totp: ${totpUri(totp, created.username)}\n`);
    });

  common(user.command("disable"))
    .description("disable a user: sessions end, API tokens are revoked, logins are refused")
    .argument("<username>")
    .action(async (username: string, opts: UserOptions) => {
      const u = await withStore(opts.db, (store) =>
        disableUser(store.db, username, "cli", now().toISOString()).catch(accountError),
      );
      ctx.io.err(`disabled ${u.username}\n`);
    });

  common(user.command("role"))
    .description("change a user's role (their sessions end)")
    .argument("<username>")
    .argument("<role>", "admin | analyst | viewer | source-handler")
    .option("--field-key-file <path>", "field encryption key file, to enrol TOTP when the new role needs it")
    .action(async (username: string, role: string, opts: UserOptions) => {
      if (!parseRole(role)) throw usageError(`unknown role "${role}"`);
      const { row, uri } = await withStore(opts.db, async (store) => {
        const before = await findUser(store.db, username);
        if (!before) return accountError(new AccountError("USER_NOT_FOUND", `no user ${username}`));
        let uri: string | undefined;
        if (needsSecondFactor(role) && before.totp_secret === null) {
          const secret = newTotpSecret();
          await setTotpSecret(
            store.db,
            username,
            encryptTotpSecret(fieldKey(ctx, opts), before.id, secret),
            "cli",
            now().toISOString(),
          );
          uri = totpUri(secret, before.username);
        }
        return {
          row: await setRole(store.db, username, role, "cli", now().toISOString()).catch(accountError),
          uri,
        };
      });
      ctx.io.err(`${row.username} is now ${row.role}\n`);
      if (uri) ctx.io.out(`totp: ${uri}\n`);
    });

  common(user.command("totp"))
    .description("enrol (or re-enrol) a user's TOTP second factor; prints the otpauth URI once")
    .argument("<username>")
    .option("--field-key-file <path>", "field encryption key file (mode 0600)")
    .action(async (username: string, opts: UserOptions) => {
      const key = fieldKey(ctx, opts);
      const secret = newTotpSecret();
      const row = await withStore(opts.db, async (store) => {
        const u = await findUser(store.db, username);
        if (!u) return accountError(new AccountError("USER_NOT_FOUND", `no user ${username}`));
        return setTotpSecret(
          store.db,
          username,
          encryptTotpSecret(key, u.id, secret),
          "cli",
          now().toISOString(),
        );
      });
      ctx.io.out(`totp: ${totpUri(secret, row.username)}\n`);
    });

  common(user.command("token"))
    .description("issue an API token for scripts (printed once; only its hash is stored)")
    .argument("<username>")
    .requiredOption("--name <label>", "what the token is for")
    .action(async (username: string, opts: UserOptions) => {
      const t = await withStore(opts.db, (store) =>
        createApiToken(store.db, username, opts.name as string, now()).catch(accountError),
      );
      ctx.io.err(`token ${t.id} created\n`);
      ctx.io.out(`${t.token}\n`);
    });

  common(user.command("list"))
    .description("list users (no secrets)")
    .option("--json", "print one JSON document")
    .action(async (opts: UserOptions) => {
      const users = await withStore(opts.db, (store) => listUsers(store.db));
      if (opts.json) printJson(ctx.io, { users });
      else
        for (const u of users)
          ctx.io.out(`${u.username}\t${u.role}${u.disabled ? "\tdisabled" : ""}${u.totp ? "\ttotp" : ""}\n`);
    });
}
