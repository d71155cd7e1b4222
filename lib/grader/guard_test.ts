// The guard hands its controls out once: the run's guard_claim.ts takes them
// before any submitted code loads, so code that reaches the guard's fixed path
// later (in a slot it is lib/grader-guard/guard.ts) gets an error and an
// incident, not the controls. The guard locks down the process it loads in, so
// this runs in a child.
import { ok } from "node:assert";
import { fileURLToPath } from "node:url";
import { gradeTest } from "./_test_permissions.ts";

gradeTest(
  "claimGuard() gives the controls once; a second claim is refused and reported",
  async () => {
    const guard = new URL("guard.ts", import.meta.url).href;
    const script = `
    const { claimGuard } = await import(${JSON.stringify(guard)});
    const first = claimGuard("first");
    let refused = "";
    try { claimGuard("second"); } catch (error) { refused = error.message; }
    console.log(JSON.stringify({
      mark: first.mark,
      refused,
      incidents: first.guardReport().incidents,
      frozen: Object.isFrozen(first),
    }));
  `;
    const dir = await Deno.makeTempDir({ prefix: "grad-dojo-guard-test-" });
    try {
      const file = `${dir}/claim.ts`;
      await Deno.writeTextFile(file, script);
      const root = fileURLToPath(new URL("../..", import.meta.url));
      const { stdout, stderr } = await new Deno.Command(Deno.execPath(), {
        args: ["run", "--allow-env", `--config=${root}deno.json`, file],
        env: { NO_COLOR: "1" },
        stdout: "piped",
        stderr: "piped",
      }).output();
      const out = new TextDecoder().decode(stdout).trim().split("\n").at(-1) ?? "";
      const seen = JSON.parse(out || "{}");
      ok(seen.mark === "[grad-dojo-guard first]", `${out}\n${new TextDecoder().decode(stderr)}`);
      ok(/taking the guard is not allowed while grading/.test(seen.refused), out);
      ok(seen.incidents.includes("tried to take the grader's guard"), out);
      ok(seen.frozen, out);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
);
