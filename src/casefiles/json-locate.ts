/** A small JSON parser that remembers the line of every value, so problems can point at a line of the file. @module */

/** A path into a JSON value: object keys and array indexes. */
export type JsonPath = readonly (string | number)[];

/** The result of {@link parseJsonLocated}. */
export type LocatedJson =
  | {
      readonly ok: true;
      readonly value: unknown;
      /** 1-based line where the value at `path` starts, or where its nearest existing ancestor starts. */
      readonly lineOf: (path: JsonPath) => number;
      /** Keys that appear twice in one object (JSON.parse would silently keep the last). */
      readonly duplicateKeys: readonly { readonly path: JsonPath; readonly line: number }[];
    }
  | { readonly ok: false; readonly line: number; readonly column: number; readonly message: string };

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const key = (path: JsonPath): string => JSON.stringify(path);

/**
 * Parse JSON text (RFC 8259) and record the 1-based line of every value.
 * Runs in O(n) over the text. Never throws: a syntax error comes back with its line and column.
 * @example parseJsonLocated('[\n {"id": "a"}\n]') // ok, lineOf([0, "id"]) === 2
 */
export function parseJsonLocated(text: string): LocatedJson {
  const lines = new Map<string, number>();
  const duplicateKeys: { path: JsonPath; line: number }[] = [];
  let pos = 0;
  let line = 1;

  const ws = (): void => {
    while (pos < text.length) {
      const c = text[pos];
      if (c === "\n") line += 1;
      else if (c !== " " && c !== "\t" && c !== "\r") return;
      pos += 1;
    }
  };
  const fail = (message: string): never => {
    throw new JsonSyntaxError(message, pos);
  };
  const describe = (): string => (pos >= text.length ? "end of file" : `'${text[pos]}'`);

  const parseString = (): string => {
    const start = pos;
    pos += 1;
    let out = "";
    for (;;) {
      if (pos >= text.length) return fail("unterminated string");
      const c = text[pos] as string;
      if (c === '"') break;
      if (c === "\n") return fail("line break inside a string");
      if (c === "\\") {
        const e = text[pos + 1];
        const simple: Record<string, string> = {
          '"': '"',
          "\\": "\\",
          "/": "/",
          b: "\b",
          f: "\f",
          n: "\n",
          r: "\r",
          t: "\t",
        };
        if (e !== undefined && e in simple) {
          out += simple[e];
          pos += 2;
          continue;
        }
        if (e === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) {
          out += String.fromCharCode(parseInt(text.slice(pos + 2, pos + 6), 16));
          pos += 6;
          continue;
        }
        return fail("invalid escape in string");
      }
      out += c;
      pos += 1;
    }
    pos += 1;
    if (pos - start < 2) fail("invalid string");
    return out;
  };

  const parseValue = (path: JsonPath): unknown => {
    ws();
    lines.set(key(path), line);
    const c = text[pos];
    if (c === "{") {
      pos += 1;
      const obj: Record<string, unknown> = {};
      ws();
      if (text[pos] === "}") {
        pos += 1;
        return obj;
      }
      for (;;) {
        ws();
        if (text[pos] !== '"') fail(`expected a property name in double quotes, found ${describe()}`);
        const keyLine = line;
        const k = parseString();
        if (Object.prototype.hasOwnProperty.call(obj, k))
          duplicateKeys.push({ path: [...path, k], line: keyLine });
        ws();
        if (text[pos] !== ":") fail(`expected ":" after property name, found ${describe()}`);
        pos += 1;
        const v = parseValue([...path, k]);
        Object.defineProperty(obj, k, { value: v, enumerable: true, writable: true, configurable: true });
        ws();
        if (text[pos] === ",") {
          pos += 1;
          continue;
        }
        if (text[pos] === "}") {
          pos += 1;
          return obj;
        }
        fail(`expected "," or "}" after a property value, found ${describe()}`);
      }
    }
    if (c === "[") {
      pos += 1;
      const arr: unknown[] = [];
      ws();
      if (text[pos] === "]") {
        pos += 1;
        return arr;
      }
      for (;;) {
        arr.push(parseValue([...path, arr.length]));
        ws();
        if (text[pos] === ",") {
          pos += 1;
          continue;
        }
        if (text[pos] === "]") {
          pos += 1;
          return arr;
        }
        fail(`expected "," or "]" after an array element, found ${describe()}`);
      }
    }
    if (c === '"') return parseString();
    const lit = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(
      text.slice(pos, pos + 400),
    );
    if (!lit) return fail(`unexpected ${describe()}`);
    pos += lit[0].length;
    return JSON.parse(lit[0]) as unknown;
  };

  try {
    if (text.charCodeAt(0) === 0xfeff) pos = 1;
    const value = parseValue([]);
    ws();
    if (pos < text.length) fail(`unexpected ${describe()} after the end of the JSON value`);
    const lineOf = (path: JsonPath): number => {
      for (let n = path.length; n >= 0; n -= 1) {
        const found = lines.get(key(path.slice(0, n)));
        if (found !== undefined) return found;
      }
      return 1;
    };
    return { ok: true, value, lineOf, duplicateKeys };
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    const before = text.slice(0, e.offset);
    const errLine = before.split("\n").length;
    const column = e.offset - before.lastIndexOf("\n");
    return { ok: false, line: errLine, column, message: e.message };
  }
}
