/**
 * Find an unknown command in the arguments before commander runs: commander prints the parent's help and exits 0
 * for `tocsin worker --help`, and adds a second line of suggestions otherwise. A script must be able to tell a
 * missing command from a present one, so any unknown command is one line and exit 2, `--help` or not.
 * @module
 */
import type { Command } from "commander";

/** Whether `arg` is an option of `cmd` or of a command above it that takes a value in the next argument. */
function takesValue(cmd: Command, arg: string): boolean {
  for (let c: Command | null = cmd; c; c = c.parent) {
    const option = c.options.find((o) => o.long === arg || o.short === arg);
    if (option) return option.required || option.optional;
  }
  return false;
}

/** The subcommand of `cmd` named `name` (or one of its aliases). */
function findCommand(cmd: Command, name: string): Command | undefined {
  return cmd.commands.find((c) => c.name() === name || c.aliases().includes(name));
}

/** The words of `argv` that are not options or option values, in order, until `--`. */
function* operands(cmd: () => Command, argv: readonly string[]): Generator<string> {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--") return;
    if (arg.startsWith("-") && arg !== "-") {
      if (!arg.includes("=") && takesValue(cmd(), arg)) i += 1;
      continue;
    }
    yield arg;
  }
}

/**
 * The unknown command `argv` names, as the words that lead to it (`["log", "wroker"]`), or undefined when every
 * command word is known. Words after a command without subcommands are its arguments and are not looked at;
 * `help NAME` checks NAME.
 * @example unknownCommand(program, ["worker", "--help"]) // ["worker"]
 */
export function unknownCommand(program: Command, argv: readonly string[]): string[] | undefined {
  let cmd = program;
  const path: string[] = [];
  let helpFor = false;
  for (const word of operands(() => cmd, argv)) {
    if (cmd.commands.length === 0) return undefined;
    const sub = findCommand(cmd, word);
    if (sub) {
      if (helpFor) return undefined;
      cmd = sub;
      path.push(word);
      continue;
    }
    // The implicit `help [command]` of a command with subcommands: the next word must be one of them.
    if (word === "help" && !helpFor) {
      helpFor = true;
      continue;
    }
    return [...path, word];
  }
  return undefined;
}

/**
 * The one line naming an unknown command, with the help to read.
 * @example unknownCommandMessage(["log", "wroker"]) // "unknown command 'log wroker' (see tocsin log --help)"
 */
export function unknownCommandMessage(path: readonly string[]): string {
  const parent = ["tocsin", ...path.slice(0, -1)].join(" ");
  return `unknown command '${path.join(" ")}' (see ${parent} --help)`;
}
