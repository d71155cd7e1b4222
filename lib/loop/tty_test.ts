/**
 * The guided loop in a real pseudo-terminal (tmux): raw-mode keys, the screen
 * redrawn in place, the solution turning the kata green, quitting cleanly.
 * Skipped, and says so, where tmux is not installed (`.ci/run` installs it).
 */
import { ok } from "node:assert";
import { fixtureRepo, solve } from "./_test_repo.ts";
import { KATA_DIRS } from "../kata/catalogue.ts";

const tmuxMissing = await new Deno.Command("tmux", { args: ["-V"], stdout: "null", stderr: "null" })
  .output()
  .then((r) => !r.success, () => true);

class Tmux {
  readonly socket = `grad-dojo-test-${Deno.pid}-${Math.random().toString(36).slice(2, 8)}`;

  async run(...args: string[]): Promise<string> {
    const { success, stdout, stderr } = await new Deno.Command("tmux", {
      args: ["-L", this.socket, ...args],
    }).output();
    if (!success) {
      throw new Error(`tmux ${args.join(" ")} failed: ${new TextDecoder().decode(stderr)}`);
    }
    return new TextDecoder().decode(stdout);
  }

  screen(): Promise<string> {
    return this.run("capture-pane", "-p", "-t", "loop");
  }

  /** Polls the screen until it shows `text`; returns the screen. */
  async waitFor(text: string, timeoutMs = 20_000): Promise<string> {
    const end = Date.now() + timeoutMs;
    let screen = "";
    while (Date.now() < end) {
      screen = await this.screen().catch(() => screen);
      if (screen.includes(text)) return screen;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`The screen never showed "${text}"; it shows:\n${screen}`);
  }

  keys(...keys: string[]): Promise<string> {
    return this.run("send-keys", "-t", "loop", ...keys);
  }

  kill(): Promise<void> {
    return this.run("kill-server").then(() => {}, () => {});
  }
}

Deno.test({
  name:
    "loop in a terminal: red, h shows hint 1 alone, a solution turns it green, n moves on, q quits" +
    (tmuxMissing ? " [skipped: tmux is not installed; .ci/run installs it]" : ""),
  ignore: tmuxMissing,
  async fn() {
    const root = await fixtureRepo();
    const tmux = new Tmux();
    try {
      const command =
        `cd '${root}' && '${Deno.execPath()}' run -A lib/loop/main.ts; echo "exit code $?"; sleep 30`;
      await tmux.run("new-session", "-d", "-s", "loop", "-x", "100", "-y", "32", command);
      let screen = await tmux.waitFor("✗ 01_gradient_hessian — 0 of 2 cases pass (not started)");
      ok(
        screen.includes(`grad-dojo · kata 01 of ${KATA_DIRS.length} · gradient_hessian`),
        screen,
      );
      ok(screen.includes("h hint 1/3 · l list · r run all · s skip · n next · q quit"), screen);
      await tmux.waitFor("Edit katas/01_gradient_hessian/gradient_hessian.ts and save");
      await tmux.keys("h");
      screen = await tmux.waitFor("Hint 1 — concept");
      ok(!screen.includes("Hint 2"), screen);
      ok(!screen.includes("✗ 01_gradient_hessian"), "the hint replaces the result on screen");
      await tmux.keys("Enter");
      await tmux.waitFor("✗ 01_gradient_hessian");
      await solve(root, "01_gradient_hessian");
      await tmux.waitFor("✓ 01_gradient_hessian — all 2 cases pass");
      screen = await tmux.waitFor("Green! Press n for the next kata, 02_critical_points");
      ok(
        screen.includes(`■${"□".repeat(KATA_DIRS.length - 1)} 1 of ${KATA_DIRS.length} katas pass`),
        screen,
      );
      await tmux.keys("n");
      await tmux.waitFor("✗ 02_critical_points — 0 of 2 cases pass (not started)");
      await tmux.keys("l");
      screen = await tmux.waitFor("Press a kata's number to open it");
      ok(screen.includes("   1 ✓ 01_gradient_hessian       passing (2 cases)"), screen);
      ok(screen.includes("▶  2 "), screen);
      await tmux.keys("q");
      screen = await tmux.waitFor("exit code 0");
      ok(screen.includes("Progress is saved in .grad-dojo-progress.json"), screen);
    } finally {
      await tmux.kill();
      await Deno.remove(root, { recursive: true });
    }
  },
});
