/**
 * Where the loop's text goes: a terminal, redrawn in place, or a pipe, which
 * only ever gets new lines appended (no cursor tricks, no colours).
 *
 * @module
 */

/** A screen the loop draws on. */
export interface Screen {
  /** "tty" redraws the whole screen; "plain" appends. */
  readonly kind: "tty" | "plain";
  /** Shows a view: a terminal clears and draws `lines`; a pipe prints them. */
  show(lines: string[]): void;
  /** Updates the status line (the pair timer); a pipe prints it as a line. */
  status(line: string): void;
  /** Rings the terminal bell. */
  bell(): void;
  /** Leaves the terminal as it was found. */
  close(): void;
}

const encoder = new TextEncoder();

function write(text: string): void {
  const bytes = encoder.encode(text);
  let written = 0;
  while (written < bytes.length) written += Deno.stdout.writeSync(bytes.subarray(written));
}

/**
 * A terminal screen: clears and redraws, keeps the status line last with the
 * cursor hidden, so a countdown can update it alone.
 *
 * @example
 * ```ts ignore
 * import { TtyScreen } from "./screen.ts";
 * const screen = new TtyScreen();
 * screen.show(["hello"]);
 * screen.close();
 * ```
 */
export class TtyScreen implements Screen {
  /** Always "tty". */
  readonly kind = "tty";
  #status = "";

  constructor() {
    write("\x1b[?25l");
  }

  /** Clears the screen and draws the lines, then the status line. */
  show(lines: string[]): void {
    const { columns } = consoleSize();
    const body = lines.flatMap((line) => line.split("\n")).map((line) => fit(line, columns));
    write(
      "\x1b[H\x1b[2J\x1b[3J" + body.join("\r\n") +
        (this.#status ? `\r\n${fit(this.#status, columns)}` : ""),
    );
  }

  /** Rewrites the last line. */
  status(line: string): void {
    const first = !this.#status;
    this.#status = line;
    write((first ? "\r\n" : "\r\x1b[2K") + fit(line, consoleSize().columns));
  }

  /** Rings the bell. */
  bell(): void {
    write("\x07");
  }

  /** Shows the cursor again and ends on a fresh line. */
  close(): void {
    write("\x1b[?25h\r\n");
  }
}

function consoleSize(): { columns: number; rows: number } {
  try {
    return Deno.consoleSize();
  } catch {
    return { columns: 100, rows: 40 };
  }
}

/**
 * Cuts a line to the terminal's width, not counting colour codes.
 *
 * @param line The line, maybe with ANSI colours.
 * @param columns The width.
 * @returns The line, cut with "…" if needed.
 *
 * @example
 * ```ts
 * import { fit } from "./screen.ts";
 * import { strictEqual } from "node:assert";
 * strictEqual(fit("abcdef", 4), "abc…");
 * strictEqual(fit("\x1b[31mab\x1b[39m", 4), "\x1b[31mab\x1b[39m");
 * ```
 */
export function fit(line: string, columns: number): string {
  // deno-lint-ignore no-control-regex
  const ansi = /\x1b\[[0-9;?]*[A-Za-z]/y;
  const visible = [...line.replace(new RegExp(ansi.source, "g"), "")].length;
  if (visible <= columns) return line;
  let out = "";
  let count = 0;
  for (let i = 0; i < line.length;) {
    ansi.lastIndex = i;
    const code = ansi.exec(line);
    if (code) {
      out += code[0];
      i += code[0].length;
      continue;
    }
    if (count === columns - 1) return out + "…" + (out.includes("\x1b[") ? "\x1b[0m" : "");
    const char = String.fromCodePoint(line.codePointAt(i)!);
    out += char;
    i += char.length;
    count++;
  }
  return out;
}

/**
 * A screen for pipes and logs: each view is printed under a rule; the status
 * line is printed only when its text changes.
 *
 * @example
 * ```ts
 * import { PlainScreen } from "./screen.ts";
 * import { deepStrictEqual } from "node:assert";
 * const out: string[] = [];
 * const screen = new PlainScreen((text) => out.push(text));
 * screen.show(["a", "b"]);
 * deepStrictEqual(out, ["a\nb\n"]);
 * ```
 */
export class PlainScreen implements Screen {
  /** Always "plain". */
  readonly kind = "plain";
  #out: (text: string) => void;
  #status = "";

  /**
   * Makes a plain screen.
   *
   * @param out Where text goes; standard output by default.
   */
  constructor(out: (text: string) => void = write) {
    this.#out = out;
  }

  /** Prints the lines. */
  show(lines: string[]): void {
    this.#out(lines.join("\n") + "\n");
  }

  /** Prints the status line if it changed. */
  status(line: string): void {
    if (line === this.#status) return;
    this.#status = line;
    this.#out(line + "\n");
  }

  /** Does nothing: a pipe has no bell. */
  bell(): void {}

  /** Does nothing. */
  close(): void {}
}
