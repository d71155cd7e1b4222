/**
 * The guided loop's controller: which kata is current, what the screen shows,
 * and what each action does. It runs the current kata, re-runs it on every
 * save, serves hints tier by tier, moves on when green, skips, lists, runs
 * everything, and in pair mode calls the swap. Progress is only ever written
 * from a verified run.
 *
 * @module
 */
import { findKata, KATA_DIRS, kataFiles } from "../kata/catalogue.ts";
import { adapterName } from "./adapter.ts";
import { fingerprintDirs } from "./fingerprint.ts";
import { kataRows, type KataScan, scanKatas } from "./rows.ts";
import { drawForLoop } from "../figures/loop_preview.ts";
import { type Hint, loadHints } from "./hints.ts";
import type { Action } from "./keys.ts";
import { PairTimer } from "./pair_timer.ts";
import { PROGRESS_FILE, type ProgressStore } from "./progress.ts";
import {
  type KataRow,
  keyLine,
  type Painter,
  painter,
  pairLine,
  progressBar,
  renderHelp,
  renderHints,
  renderList,
  renderResult,
  renderSwap,
} from "./render.ts";
import { type BackendRequest, type KataRunOptions, runKata } from "./run_kata.ts";
import type { Screen } from "./screen.ts";
import type { KataReport } from "./summary.ts";
import { type Watch, watchFiles } from "./watch.ts";

/** What the screen is showing. */
export type View = "result" | "hints" | "list" | "help" | "swap" | "run-all";

/** How the session runs. */
export interface SessionOptions {
  /** The repository root (absolute). */
  root: string;
  /** Where to draw. */
  screen: Screen;
  /** Colours on the screen. */
  colour: boolean;
  /** A backend to force. */
  backend?: BackendRequest;
  /** Pair mode: minutes per round. */
  pairMinutes?: number;
  /** Stop a kata's tests after this many seconds. */
  timeoutSeconds: number;
  /** A kata to open instead of the first one not passing. */
  start?: string;
  /** Runs a kata (tests inject a fake). */
  runner?: (root: string, dir: string, options: KataRunOptions) => Promise<KataReport>;
  /** The clock (tests inject one). */
  now?: () => number;
  /** Watch the files (tests of the controller alone turn it off). */
  watch?: boolean;
  /** Re-check, when idle, katas whose files changed since their stored result. */
  background?: boolean;
  /** How long the loop must be idle before it re-checks changed katas, in milliseconds. */
  backgroundDelayMs?: number;
}

/**
 * One session of the guided loop.
 *
 * @example
 * ```ts ignore
 * import { Session } from "./session.ts";
 * import { ProgressStore } from "./progress.ts";
 * import { PlainScreen } from "./screen.ts";
 * const root = Deno.cwd();
 * const session = new Session({ root, screen: new PlainScreen(), colour: false, timeoutSeconds: 30 },
 *   await ProgressStore.open(root));
 * await session.start();
 * await session.handle({ kind: "hint" });
 * await session.handle({ kind: "quit" });
 * await session.done;
 * ```
 */
export class Session {
  /** Resolves when the learner quits. */
  readonly done: Promise<void>;
  /** The current kata folder. */
  current: string | undefined;
  /** What the screen shows. */
  view: View = "result";
  /** Set to false when input has ended (nobody can press a key). */
  inputOpen = true;

  #options: SessionOptions;
  #store: ProgressStore;
  #paint: Painter;
  #resolveDone: () => void;
  #reports = new Map<string, KataReport>();
  #scan: KataScan = { present: new Map(), fingerprints: new Map() };
  #runningDirs = new Set<string>();
  #testsRunning = false;
  #rerun = false;
  #checkAbort: AbortController | undefined;
  #runs = 0;
  #message: string[] = [];
  #notices: string[] = [];
  #hints: Hint[] = [];
  #hintsShown = 0;
  #watch: Watch | undefined;
  #timer: PairTimer | undefined;
  #tick: ReturnType<typeof setInterval> | undefined;
  #idle: ReturnType<typeof setTimeout> | undefined;
  #adapter: string | undefined;
  #adapterAsked = false;
  #runAllActive = false;
  #inFlight = new Set<Promise<KataReport>>();
  #jobs = new Set<Promise<void>>();
  #closed = false;

  /**
   * Makes a session; {@linkcode Session.start} draws and runs.
   *
   * @param options How to run.
   * @param store The progress file.
   */
  constructor(options: SessionOptions, store: ProgressStore) {
    this.#options = options;
    this.#store = store;
    this.#paint = painter(options.colour);
    const { promise, resolve } = Promise.withResolvers<void>();
    this.done = promise;
    this.#resolveDone = resolve;
  }

  /** The last report of each kata run in this session. */
  get reports(): ReadonlyMap<string, KataReport> {
    return this.#reports;
  }

  /**
   * Draws the first screen, runs the current kata and starts watching.
   *
   * @returns When the first run has finished.
   */
  async start(): Promise<void> {
    this.#notices.push(...this.#store.notices.splice(0));
    await this.#refresh([...KATA_DIRS]);
    this.current = this.#options.start ?? this.#pickCurrent();
    if (this.current) this.#store.progress.current = this.current;
    this.#draw([
      this.#paint("bold", "grad-dojo — guided loop"),
      ...renderList(this.#rows(), this.current, this.#paint),
      "",
      keyLine(this.#hintsSeen()),
    ]);
    if (this.#options.pairMinutes) this.#startPair(this.#options.pairMinutes);
    if (this.#options.watch !== false) this.#startWatch();
    if (!this.current) {
      this.#message = ["No kata folder was found under katas/ — waiting for one to appear."];
      this.#draw();
      return;
    }
    await this.#runCurrent();
  }

  /** Stops watching and timing; the terminal is left to the caller. */
  close(): void {
    this.#closed = true;
    this.#checkAbort?.abort();
    this.#watch?.close();
    clearInterval(this.#tick);
    clearTimeout(this.#idle);
  }

  /**
   * Input has ended: keep watching, and let the swap start rounds on its own.
   */
  inputEnded(): void {
    this.inputOpen = false;
    if (this.#closed) return;
    if (this.view === "swap") this.#nextRound();
    this.#say("Input closed: still watching for saves (Ctrl-C stops).");
  }

  /**
   * Does what the learner asked.
   *
   * @param action The action.
   * @returns When the action's effect is on screen (a run may go on after).
   */
  async handle(action: Action): Promise<void> {
    if (this.#closed) return;
    this.#message = [];
    this.#notices = [];
    if (this.view === "swap" && action.kind !== "quit") {
      this.#nextRound();
      return;
    }
    switch (action.kind) {
      case "quit":
        this.close();
        this.#resolveDone();
        return;
      case "hint":
        return await this.#hint();
      case "list":
        await this.#refresh([...KATA_DIRS]);
        return this.#setView("list");
      case "help":
        return this.#setView("help");
      case "back":
        return this.#setView("result");
      case "go":
        return await this.#go(action.kata);
      case "next":
        return await this.#next();
      case "skip":
        return await this.#skip();
      case "run-all":
        return await this.#runAll();
      case "figures":
        return await this.#figures();
      case "unknown":
        return this.#say(`Unknown key "${action.text}": press ? for help.`);
    }
  }

  // ── choosing katas ──────────────────────────────────────────────────────

  async #refresh(dirs: string[]): Promise<void> {
    await scanKatas(this.#options.root, dirs, this.#scan);
  }

  #fresh(dir: string) {
    const fingerprint = this.#scan.fingerprints.get(dir);
    return fingerprint ? this.#store.freshResult(dir, fingerprint.hash) : undefined;
  }

  #passing(dir: string): boolean {
    return this.#fresh(dir)?.status === "passing";
  }

  #todo(): string[] {
    return KATA_DIRS.filter((dir) => this.#scan.present.get(dir) && !this.#passing(dir));
  }

  #pickCurrent(): string | undefined {
    const stored = this.#store.progress.current;
    if (stored && this.#scan.present.get(stored) && !this.#passing(stored)) return stored;
    const todo = this.#todo();
    const unskipped = todo.filter((dir) => !this.#store.progress.katas[dir]?.skipped);
    return unskipped[0] ?? todo[0] ??
      (stored && this.#scan.present.get(stored) ? stored : undefined) ??
      KATA_DIRS.filter((dir) => this.#scan.present.get(dir)).pop();
  }

  /** The next kata to do after `from`, in order and wrapping round, skipped ones last. */
  #nextAfter(from: string): string | undefined {
    const order = [...KATA_DIRS.slice(KATA_DIRS.indexOf(from as typeof KATA_DIRS[number]) + 1)];
    order.push(...KATA_DIRS.filter((dir) => !order.includes(dir)));
    const todo = order.filter((dir) =>
      dir !== from && this.#scan.present.get(dir) && !this.#passing(dir)
    );
    return todo.find((dir) => !this.#store.progress.katas[dir]?.skipped) ?? todo[0];
  }

  async #open(dir: string): Promise<void> {
    this.current = dir;
    this.#store.progress.current = dir;
    this.#store.entry(dir).skipped = false;
    this.#hints = [];
    this.#hintsShown = 0;
    await this.#store.save();
    this.#collectStoreNotices();
    this.#setView("result");
    await this.#runCurrent();
  }

  async #go(input: string): Promise<void> {
    let dir: string;
    try {
      dir = findKata(input);
    } catch (error) {
      return this.#say(error instanceof Error ? error.message : String(error));
    }
    await this.#refresh([dir]);
    if (!this.#scan.present.get(dir)) {
      const { stub, test } = kataFiles(dir);
      return this.#say(
        `Cannot open kata ${dir}: ${stub} or ${test} is missing (deleted or renamed?)`,
      );
    }
    await this.#open(dir);
  }

  async #next(): Promise<void> {
    const current = this.current;
    if (!current) return this.#say("There is no kata to move on from.");
    if (!this.#passing(current)) {
      return this.#say(
        `${current} is not green yet: make its tests pass, or press s to skip it for now.`,
      );
    }
    const next = this.#nextAfter(current);
    if (!next) return this.#say("Every kata passes. Well done!");
    await this.#open(next);
  }

  async #skip(): Promise<void> {
    const current = this.current;
    if (!current) return;
    const next = this.#nextAfter(current);
    if (!next) return this.#say(`No other kata is left to do: ${current} is the one.`);
    this.#store.entry(current).skipped = true;
    this.#message = [`Skipped ${current} for now: come back with l or its number.`];
    await this.#open(next);
  }

  // ── figures (deno task show) ───────────────────────────────────────────

  async #figures(): Promise<void> {
    const dir = this.current;
    if (!dir) return;
    if (!this.#passing(dir)) {
      return this.#say(`${dir} is not green yet: f draws its figures once its tests pass.`);
    }
    this.#say(`Drawing ${dir}'s figures…`);
    const lines = await drawForLoop(this.#options.root, dir, this.#options.colour);
    this.#message = lines;
    this.#draw(lines);
  }

  // ── hints ───────────────────────────────────────────────────────────────

  #hintsSeen(): number {
    return this.current ? this.#store.progress.katas[this.current]?.hints ?? 0 : 0;
  }

  async #hint(): Promise<void> {
    const dir = this.current;
    if (!dir) return;
    try {
      this.#hints = await loadHints(this.#options.root, kataFiles(dir).hints);
    } catch (error) {
      return this.#say(error instanceof Error ? error.message : String(error));
    }
    const seen = this.#hintsSeen();
    // From the result, show what was seen (or the first tier); in the hint view, reveal the next.
    const reveal = this.view === "hints" || seen === 0
      ? Math.min(seen + 1, this.#hints.length)
      : seen;
    if (reveal > seen) {
      this.#store.entry(dir).hints = reveal;
      await this.#store.save();
      this.#collectStoreNotices();
    }
    this.#hintsShown = reveal;
    this.#setView("hints");
  }

  // ── running ─────────────────────────────────────────────────────────────

  /**
   * Runs the current kata. A save while its tests run queues one more run; a
   * save while only the type check runs stops that check (its answer would be
   * about old code) and starts the tests at once.
   */
  async #runCurrent(): Promise<void> {
    this.#checkAbort?.abort();
    if (this.#testsRunning) {
      this.#rerun = true;
      return;
    }
    this.#testsRunning = true;
    clearTimeout(this.#idle);
    let job: Promise<void> = Promise.resolve();
    try {
      const dir = this.current!;
      this.#runs++;
      await this.#refresh([dir]);
      const hash = this.#scan.fingerprints.get(dir)!.hash;
      this.#runningDirs.add(dir);
      this.#draw([this.#paint("dim", `── running ${dir} (run ${this.#runs}) ──`)]);
      const abort = new AbortController();
      this.#checkAbort = abort;
      const tests = Promise.withResolvers<void>();
      let early: KataReport | undefined;
      job = this.#runKata(dir, (report) => {
        early = report;
        this.#runningDirs.delete(dir);
        tests.resolve();
        if (this.current !== dir || this.#closed) return;
        this.#reports.set(dir, report);
        this.#draw(this.#resultLines(report));
      }, abort.signal)
        .then((report) => this.#finish(dir, hash, report, early, abort.signal))
        .catch((error) =>
          this.#say(`Cannot run ${dir}: ${error instanceof Error ? error.message : error}`)
        )
        .finally(() => {
          this.#runningDirs.delete(dir);
          tests.resolve();
          this.#jobs.delete(job);
        });
      this.#jobs.add(job);
      await tests.promise;
    } finally {
      this.#testsRunning = false;
    }
    if (this.#rerun && !this.#closed) {
      this.#rerun = false;
      return await this.#runCurrent();
    }
    await job;
    if (!this.#testsRunning) this.#scheduleBackground();
  }

  /** Records a finished run and shows it, unless a newer save made it moot. */
  async #finish(
    dir: string,
    hash: string,
    report: KataReport,
    early: KataReport | undefined,
    signal: AbortSignal,
  ): Promise<void> {
    if (this.#closed) {
      // Quitting stopped the type check: a red result stands without it, a green one does not.
      if (report.status !== "passing") await this.#store.record(report, hash);
      return;
    }
    if (signal.aborted) return; // a newer save is being run
    await this.#refresh([dir]);
    if (this.#scan.fingerprints.get(dir)?.hash !== hash) return; // saved again meanwhile: a run follows
    await this.#store.record(report, hash);
    this.#collectStoreNotices();
    this.#reports.set(dir, report);
    if (this.current !== dir) return;
    const same = early?.typeCheck === "pending" && report.status === early.status &&
      report.compileErrors.length === early.compileErrors.length;
    // What is new after the tests' result: only what the type check said, when it changed nothing.
    const lines = this.#resultLines(report);
    this.#draw(
      same
        ? [
          this.#paint("dim", `type check: ${report.typeCheck}`),
          ...(report.status === "passing" ? lines.slice(-1) : []),
        ]
        : lines,
    );
  }

  /** Whether a test run is still going (quitting waits for it: its timeout kills a hang). */
  get busy(): boolean {
    return this.#inFlight.size > 0 || this.#jobs.size > 0;
  }

  /**
   * Waits until no test run is going.
   *
   * @returns When every run has finished.
   */
  async settled(): Promise<void> {
    while (this.busy) await Promise.allSettled([...this.#inFlight, ...this.#jobs]);
  }

  /** Draws the current view again (after the terminal was resized). */
  redraw(): void {
    this.#draw();
  }

  #runKata(
    dir: string,
    onTests?: (report: KataReport) => void,
    signal?: AbortSignal,
  ): Promise<KataReport> {
    const run = this.#options.runner ?? runKata;
    const promise = run(this.#options.root, dir, {
      backend: this.#options.backend,
      timeoutSeconds: this.#options.timeoutSeconds,
      onTests,
      signal,
    }).then((report) => {
      if (report.backends.includes("webgpu") && !this.#adapterAsked) {
        this.#adapterAsked = true;
        adapterName().then((name) => {
          this.#adapter = name;
          if (name && !this.#closed && this.view === "result") this.#draw([]);
        });
      }
      return report;
    });
    this.#inFlight.add(promise);
    promise.finally(() => this.#inFlight.delete(promise)).catch(() => {});
    return promise;
  }

  /** When idle for two seconds, re-checks katas whose files changed since their stored result. */
  #scheduleBackground(): void {
    if (this.#options.background === false || this.#closed) return;
    clearTimeout(this.#idle);
    this.#idle = setTimeout(async () => {
      for (const dir of KATA_DIRS) {
        if (this.busy || this.#closed || this.#runAllActive) return;
        if (dir === this.current || !this.#scan.present.get(dir)) continue;
        await this.#refresh([dir]);
        const stored = this.#store.progress.katas[dir]?.result;
        if (!stored || this.#fresh(dir)) continue;
        this.#runningDirs.add(dir);
        const report = await this.#runKata(dir);
        this.#runningDirs.delete(dir);
        if (this.#closed) return;
        await this.#store.record(report, this.#scan.fingerprints.get(dir)!.hash);
        this.#collectStoreNotices();
        if (this.view === "list") this.#draw();
      }
    }, this.#options.backgroundDelayMs ?? 2000);
  }

  async #runAll(): Promise<void> {
    if (this.#runAllActive) return this.#say("Already running every kata.");
    this.#runAllActive = true;
    clearTimeout(this.#idle);
    await this.#refresh([...KATA_DIRS]);
    this.#setView("run-all");
    try {
      for (const dir of KATA_DIRS) {
        if (this.#closed) return;
        if (!this.#scan.present.get(dir)) continue;
        await this.#refresh([dir]);
        const hash = this.#scan.fingerprints.get(dir)!.hash;
        this.#runningDirs.add(dir);
        this.#draw();
        const report = await this.#runKata(dir);
        this.#runningDirs.delete(dir);
        if (this.#closed) return;
        await this.#store.record(report, hash);
        this.#collectStoreNotices();
        this.#reports.set(dir, report);
        this.#draw(
          renderList(this.#rows(), this.current, this.#paint).filter((_, i) =>
            KATA_DIRS[i] === dir
          ),
        );
      }
    } finally {
      this.#runAllActive = false;
    }
    const passing = KATA_DIRS.filter((dir) => this.#passing(dir)).length;
    this.#message = [`Checked every kata: ${passing} of ${KATA_DIRS.length} pass.`];
    this.#setView("list");
  }

  // ── pair mode ───────────────────────────────────────────────────────────

  #startPair(minutes: number): void {
    this.#timer = new PairTimer(minutes, this.#options.now);
    this.#updatePairLine();
    this.#tick = setInterval(() => this.pairTick(), 1000);
  }

  /** Advances the pair timer: updates the countdown, and calls the swap when due. */
  pairTick(): void {
    const timer = this.#timer;
    if (!timer || this.#closed) return;
    if (timer.due() && this.view !== "swap") {
      this.#setView("swap");
      this.#updatePairLine();
      this.#options.screen.bell();
      if (!this.inputOpen) this.#nextRound();
      return;
    }
    this.#updatePairLine();
  }

  #nextRound(): void {
    this.#timer?.nextRound();
    this.#setView("result");
    this.#updatePairLine();
  }

  #updatePairLine(): void {
    const timer = this.#timer;
    if (!timer) return;
    const remaining = timer.remainingMs();
    if (this.view === "swap") {
      const next = this.inputOpen ? "press any key to start" : "starting";
      return this.#options.screen.status(
        `pair · swap driver and navigator now — ${next} round ${timer.round + 1}`,
      );
    }
    this.#options.screen.status({
      remainingMs: remaining,
      line: (ms) => pairLine(ms, timer.round, timer.paused),
    });
  }

  // ── drawing ─────────────────────────────────────────────────────────────

  #setView(view: View): void {
    this.view = view;
    if (this.#timer) {
      if (view === "hints") this.#timer.pause();
      else this.#timer.resume();
    }
    this.#draw();
    if (this.#timer && view !== "swap") this.#updatePairLine();
  }

  #say(line: string): void {
    this.#message = [line];
    this.#draw([this.#paint("yellow", line)]);
  }

  #collectStoreNotices(): void {
    const fresh = this.#store.notices.splice(0);
    if (!fresh.length) return;
    this.#notices.push(...fresh);
    this.#draw([]);
  }

  #rows(): KataRow[] {
    return kataRows(this.#store.progress, this.#scan, this.#runningDirs);
  }

  #resultLines(report: KataReport): string[] {
    return renderResult(report, {
      next: this.#nextAfter(report.dir),
      forced: this.#options.backend,
      adapter: this.#adapter,
    }, this.#paint);
  }

  #body(): string[] {
    const dir = this.current;
    switch (this.view) {
      case "hints": {
        const all = renderHints(dir ?? "", this.#hints, this.#hintsShown, this.#paint);
        const tall = all.join("\n").split("\n").length > this.#options.screen.rows - 8;
        return tall
          ? renderHints(dir ?? "", this.#hints, this.#hintsShown, this.#paint, true)
          : all;
      }
      case "list":
        return [
          this.#paint("bold", "Katas"),
          ...renderList(this.#rows(), dir, this.#paint),
          "",
          this.#paint("dim", "Press a kata's number to open it, enter to go back."),
        ];
      case "run-all":
        return [
          this.#paint("bold", "Running every kata…"),
          ...renderList(this.#rows(), dir, this.#paint),
        ];
      case "help":
        return renderHelp();
      case "swap":
        return renderSwap(this.#timer?.round ?? 1, this.#paint, this.inputOpen);
      case "result": {
        if (!dir) return [];
        const report = this.#reports.get(dir);
        if (!report || report.dir !== dir) return [this.#paint("cyan", `… running ${dir}`)];
        const lines = this.#resultLines(report);
        if (this.#runningDirs.has(dir)) {
          lines.unshift(this.#paint("cyan", `… running ${dir} again`), "");
        }
        return lines;
      }
    }
  }

  /**
   * Shows the current view. `update` is what is new, for a screen that only
   * appends; without it, such a screen gets the body and the message.
   */
  #draw(update?: string[]): void {
    if (this.#closed) return;
    const dir = this.current;
    // While a kata runs for the first time, or every kata runs, only a redrawn screen has news.
    const waiting = this.view === "run-all" ||
      (this.view === "result" && (!dir || this.#reports.get(dir)?.dir !== dir));
    const title = dir
      ? `kata ${kataFiles(dir).number} of ${KATA_DIRS.length} · ${kataFiles(dir).slug}`
      : "no kata";
    const readOnly = this.#store.readOnly
      ? this.#paint("yellow", ` · ${PROGRESS_FILE} is read-only`)
      : "";
    this.#options.screen.render({
      header: [
        this.#paint("bold", `grad-dojo · ${title}`) + readOnly,
        progressBar(this.#rows(), this.#paint),
      ],
      notices: this.#notices.map((line) => this.#paint("yellow", line)),
      body: this.#body(),
      message: this.#message.map((line) => this.#paint("yellow", line)),
      footer: [this.#paint("dim", keyLine(this.#hintsSeen()))],
      update: update ?? (waiting ? [] : undefined),
    });
  }

  // ── watching ────────────────────────────────────────────────────────────

  #startWatch(): void {
    const katas = `${this.#options.root}/katas`;
    try {
      this.#watch = watchFiles(katas, {
        accept: (path) => {
          const dir = this.current;
          if (!dir || !this.#scan.present.get(dir)) {
            // Waiting for a kata to (re)appear: any source file, or a kata folder itself.
            return path.endsWith(".ts") || /^\d\d_[a-z0-9_]+$/.test(path.slice(katas.length + 1));
          }
          const fingerprint = this.#scan.fingerprints.get(dir);
          const dirs = fingerprint ? fingerprintDirs(dir, fingerprint) : [dir];
          return dirs.some((d) =>
            path === `${katas}/${d}` || (path.startsWith(`${katas}/${d}/`) && path.endsWith(".ts"))
          );
        },
        onChange: () => this.#onSave(),
        onError: (error) =>
          this.#say(`Cannot watch ${katas}: ${error instanceof Error ? error.message : error}`),
      });
    } catch (error) {
      this.#notices.push(
        `Cannot watch ${katas}: ${
          error instanceof Error ? error.message : error
        } — saves will not re-run the tests`,
      );
    }
  }

  async #onSave(): Promise<void> {
    if (this.#closed) return;
    if (!this.current) {
      // No kata yet: open the first one that appeared.
      await this.#refresh([...KATA_DIRS]);
      const pick = this.#pickCurrent();
      if (!pick) return this.#draw();
      this.current = pick;
      this.#message = [];
    }
    // The current kata stays current even while its folder is gone: the run says so.
    if (this.view === "hints" || this.view === "help") this.view = "result";
    if (this.#timer) this.#timer.resume();
    await this.#runCurrent();
  }
}
