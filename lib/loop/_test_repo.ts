/**
 * Test helpers of the guided loop (internal): scratch repositories with tiny
 * stand-in katas, and the loop as a child process driven through pipes.
 *
 * A stand-in kata has the real folder name, a stub that throws like a real
 * one, a suite of two cases per backend in the real naming, a solution, and
 * hints; it imports nothing, so that its type check takes a fraction of a
 * second.
 *
 * @module
 */
import { KATA_DIRS, kataFiles } from "../kata/catalogue.ts";

/** The repository this file belongs to. */
export const REPO_ROOT = decodeURIComponent(new URL("../..", import.meta.url).pathname).replace(
  /\/$/,
  "",
);

/** What a stand-in repository holds. */
export interface FixtureOptions {
  /** The katas to create (default: the first three). */
  katas?: string[];
}

function stub(dir: string): string {
  const { number } = kataFiles(dir);
  return `// Stand-in kata ${number}.
export function answer(): number {
  // TODO(kata ${number}): answer() — return 42
  throw new Error("kata ${number}: answer() — see katas/${dir}/README.md");
}
`;
}

/**
 * The solution of a stand-in kata.
 *
 * @param dir The kata folder.
 * @returns The source.
 */
export function solution(dir: string): string {
  return `// Stand-in kata ${kataFiles(dir).number}.
export function answer(): number {
  return 42;
}
`;
}

function suite(dir: string): string {
  const { number, slug } = kataFiles(dir);
  return `import { answer } from "./${slug}.ts";

class KataAssertionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KataAssertionError";
    this.stack = "KataAssertionError: " + message;
  }
}

function kataCase(fn: () => void): () => void {
  return () => {
    try {
      fn();
    } catch (error) {
      if (error instanceof Error && error.message.startsWith("kata ${number}:")) {
        throw new KataAssertionError("not implemented yet: kata ${number} — answer() (see katas/${dir}/README.md)");
      }
      throw error;
    }
  };
}

function check(actual: number, expected: number, where: string): void {
  if (actual !== expected) {
    throw new KataAssertionError(\`Values differ in \${where}: expected \${expected}, got \${actual}\`);
  }
}

Deno.test("answer() is 42 [cpu]", kataCase(() => check(answer(), 42, "answer()")));
Deno.test({ name: "answer() is 42 [webgpu — skipped: no adapter in the stand-in]", ignore: true, fn() {} });
Deno.test("answer() is still 42 on a second call [cpu]", kataCase(() => check(answer(), 42, "answer() again")));
Deno.test({ name: "answer() is still 42 on a second call [webgpu — skipped: no adapter in the stand-in]", ignore: true, fn() {} });
`;
}

function hints(dir: string): string {
  const { number } = kataFiles(dir);
  return `# Hints for kata ${number}

## Hint 1 — concept

The concept of kata ${number}: the answer is a constant.

## Hint 2 — formula

The formula of kata ${number}: answer = 6 · 7.

## Hint 3 — pseudocode

The pseudocode of kata ${number}: return 42.
`;
}

/**
 * Writes a stand-in kata (stub, suite, hints, README, solution).
 *
 * @param root The scratch repository.
 * @param dir The kata folder.
 */
export async function writeKata(root: string, dir: string): Promise<void> {
  const files = kataFiles(dir);
  await Deno.mkdir(`${root}/katas/${dir}`, { recursive: true });
  await Deno.mkdir(`${root}/solutions/${dir}`, { recursive: true });
  await Deno.writeTextFile(`${root}/${files.stub}`, stub(dir));
  await Deno.writeTextFile(`${root}/${files.test}`, suite(dir));
  await Deno.writeTextFile(`${root}/${files.hints}`, hints(dir));
  await Deno.writeTextFile(`${root}/${files.readme}`, `# Kata ${files.number} (stand-in)\n`);
  await Deno.writeTextFile(`${root}/${files.solution}`, solution(dir));
}

/**
 * Makes a scratch repository: this repository's `lib/`, `deno.json` and
 * `deno.lock`, and stand-in katas.
 *
 * @param options Which katas.
 * @returns Its root.
 */
export async function fixtureRepo(options: FixtureOptions = {}): Promise<string> {
  const root = await Deno.makeTempDir({ prefix: "grad-dojo-loop-test-" });
  await copy(["lib", "deno.json", "deno.lock"], REPO_ROOT, root);
  for (const dir of options.katas ?? KATA_DIRS.slice(0, 3)) await writeKata(root, dir);
  return root;
}

/**
 * Copies paths from one root to another.
 *
 * @param names Paths relative to `from`.
 * @param from The source root.
 * @param to The target root.
 */
export async function copy(names: string[], from: string, to: string): Promise<void> {
  for (const name of names) {
    const { success } = await new Deno.Command("cp", { args: ["-r", `${from}/${name}`, `${to}/`] })
      .output();
    if (!success) throw new Error(`Cannot copy ${name}: cp failed`);
  }
}

/**
 * Drops the solution into the learner's file, as a learner's save would.
 *
 * @param root The scratch repository.
 * @param dir The kata folder.
 */
export async function solve(root: string, dir: string): Promise<void> {
  const files = kataFiles(dir);
  await Deno.writeTextFile(
    `${root}/${files.stub}`,
    await Deno.readTextFile(`${root}/${files.solution}`),
  );
}

/** The loop running as a child process, its input and output piped. */
export class LoopProcess {
  /** The child. */
  readonly child: Deno.ChildProcess;
  /** Everything it printed so far. */
  output = "";
  #cursor = 0;
  #writer: WritableStreamDefaultWriter<Uint8Array>;
  #waiters = new Set<() => void>();
  #reading: Promise<void>;

  /**
   * Starts `deno run <permissions> lib/loop/main.ts <args>` in `root`.
   *
   * @param root The scratch repository.
   * @param args The loop's arguments.
   * @param permissions The `deno run` permission flags.
   * @param env Extra environment.
   */
  constructor(
    root: string,
    args: string[],
    permissions = ["-A"],
    env: Record<string, string> = {},
  ) {
    this.child = new Deno.Command(Deno.execPath(), {
      args: ["run", ...permissions, "lib/loop/main.ts", ...args],
      cwd: root,
      env: { NO_COLOR: "1", ...env },
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    this.#writer = this.child.stdin.getWriter();
    const read = async (stream: ReadableStream<Uint8Array>) => {
      for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
        this.output += chunk;
        for (const wake of [...this.#waiters]) wake();
      }
    };
    this.#reading = Promise.all([read(this.child.stdout), read(this.child.stderr)]).then(() => {
      for (const wake of [...this.#waiters]) wake();
    });
  }

  /**
   * Types a line.
   *
   * @param line The line, without its newline.
   */
  async send(line: string): Promise<void> {
    await this.#writer.write(new TextEncoder().encode(line + "\n"));
  }

  /**
   * Waits until the output, after what earlier waits consumed, contains `pattern`.
   *
   * @param pattern Text or a regular expression.
   * @param timeoutMs Fail after this long.
   * @returns The output from the previous match's end to this match's end.
   */
  waitFor(pattern: string | RegExp, timeoutMs = 20_000): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const rest = this.output.slice(this.#cursor);
        const match = typeof pattern === "string"
          ? (rest.includes(pattern)
            ? { index: rest.indexOf(pattern), length: pattern.length }
            : undefined)
          : (() => {
            const m = pattern.exec(rest);
            return m ? { index: m.index, length: m[0].length } : undefined;
          })();
        if (match) {
          this.#waiters.delete(check);
          clearTimeout(timer);
          const end = match.index + match.length;
          this.#cursor += end;
          resolve(rest.slice(0, end));
        }
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new Error(`Timed out waiting for ${pattern}; output so far:\n${this.output}`));
      }, timeoutMs);
      this.#waiters.add(check);
      check();
    });
  }

  /** Closes the child's input (as a closed pipe would); the child may go on. */
  async closeInput(): Promise<void> {
    try {
      await this.#writer.close();
    } catch { /* already closed */ }
  }

  /**
   * Closes input and waits for the exit.
   *
   * @returns The exit code.
   */
  async close(): Promise<number> {
    try {
      await this.#writer.close();
    } catch { /* already closed */ }
    const { code } = await this.child.status;
    await this.#reading;
    return code;
  }

  /** Kills the child (cleanup after a failed test). */
  kill(): void {
    try {
      this.child.kill("SIGKILL");
    } catch { /* already gone */ }
  }
}

/**
 * Runs a subcommand of the loop to completion.
 *
 * @param root The scratch repository.
 * @param args The arguments.
 * @param permissions The `deno run` permission flags.
 * @param env Extra environment.
 * @returns Exit code and output.
 */
export async function runLoop(
  root: string,
  args: string[],
  permissions = ["-A"],
  env: Record<string, string> = {},
): Promise<{ code: number; output: string }> {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", ...permissions, "lib/loop/main.ts", ...args],
    cwd: root,
    env: { NO_COLOR: "1", ...env },
    stdin: "null",
  }).output();
  const decoder = new TextDecoder();
  return { code, output: decoder.decode(stdout) + decoder.decode(stderr) };
}
