/**
 * Where the loop's text goes, and how it is drawn: a terminal is redrawn in
 * place; a pipe only ever gets new lines appended (no cursor tricks, no
 * colours). The session says what to show ({@linkcode ScreenView}); the
 * screen decides how.
 *
 * @module
 */

/** What the loop wants on screen. */
export interface ScreenView {
  /** Title and progress bar, above everything on a redrawn screen. */
  header: string[];
  /** Notices (progress file, watcher) shown until the next key. */
  notices: string[];
  /** The view: a result, the list, the hints, the help, the swap call. */
  body: string[];
  /** The reply to the last key. */
  message: string[];
  /** The key line, at the bottom of a redrawn screen. */
  footer: string[];
  /**
   * What is new since the last view, for a screen that only appends (a run
   * starting, a result, a reply); absent: the body and the message. Empty:
   * nothing worth a line (a redrawn screen still redraws).
   */
  update?: string[];
}

/** The pair timer's countdown: the screen picks how often it changes. */
export interface Countdown {
  /** Milliseconds left in the round. */
  remainingMs: number;
  /** The status line for a number of milliseconds left. */
  line(ms: number): string;
}

/** A screen the loop draws on. */
export interface Screen {
  /** Lines the screen shows at once (Infinity for a pipe, which scrolls). */
  readonly rows: number;
  /** Shows a view: a terminal redraws it whole; a pipe appends what is new. */
  render(view: ScreenView): void;
  /** Updates the status line (the pair timer). */
  status(line: string | Countdown): void;
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
 * screen.render({ header: ["title"], notices: [], body: ["hello"], message: [], footer: [] });
 * screen.close();
 * ```
 */
export class TtyScreen implements Screen {
  #status = "";

  constructor() {
    write("\x1b[?25l");
  }

  /** The terminal's height. */
  get rows(): number {
    return consoleSize().rows;
  }

  /** Redraws the whole view: header, notices, body, message, key line. */
  render(view: ScreenView): void {
    this.show([
      ...view.header,
      ...(view.notices.length ? ["", ...view.notices] : []),
      "",
      ...view.body,
      ...(view.message.length ? ["", ...view.message] : []),
      "",
      ...view.footer,
    ]);
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

  /** Rewrites the last line; a countdown shows every second. */
  status(status: string | Countdown): void {
    const line = typeof status === "string" ? status : status.line(status.remainingMs);
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
 * A screen for pipes and logs: it appends what is new in each view (each
 * notice once), and the pair countdown once a minute, then each of the last
 * ten seconds.
 *
 * @example
 * ```ts
 * import { PlainScreen } from "./screen.ts";
 * import { deepStrictEqual } from "node:assert";
 * const out: string[] = [];
 * const screen = new PlainScreen((text) => out.push(text));
 * const view = { header: ["title"], notices: [], body: ["a", "b"], message: [], footer: ["keys"] };
 * screen.render(view);
 * screen.render({ ...view, update: ["c"] });
 * screen.render({ ...view, update: [] });
 * deepStrictEqual(out, ["a\nb\n", "c\n"]);
 * ```
 */
export class PlainScreen implements Screen {
  /** A pipe scrolls: no height to fit. */
  readonly rows = Infinity;
  #out: (text: string) => void;
  #status = "";
  #noticed = new Set<string>();

  /**
   * Makes a plain screen.
   *
   * @param out Where text goes; standard output by default.
   */
  constructor(out: (text: string) => void = write) {
    this.#out = out;
  }

  /** Appends the notices not printed yet, then what is new (the update, or body and message). */
  render(view: ScreenView): void {
    const notices = view.notices.filter((notice) => !this.#noticed.has(notice));
    for (const notice of notices) this.#noticed.add(notice);
    const lines = [...notices, ...(view.update ?? [...view.body, ...view.message])];
    if (lines.length) this.show(lines);
  }

  /** Prints the lines. */
  show(lines: string[]): void {
    this.#out(lines.join("\n") + "\n");
  }

  /** Prints the status line if it changed; a countdown in whole minutes, then the last ten seconds. */
  status(status: string | Countdown): void {
    let line: string;
    if (typeof status === "string") line = status;
    else {
      const ms = status.remainingMs;
      line = status.line(
        ms > 10_000 ? Math.ceil(ms / 60_000) * 60_000 : Math.ceil(ms / 1000) * 1000,
      );
    }
    if (line === this.#status) return;
    this.#status = line;
    this.#out(line + "\n");
  }

  /** Does nothing: a pipe has no bell. */
  bell(): void {}

  /** Does nothing. */
  close(): void {}
}
