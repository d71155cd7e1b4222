import { ok } from "node:assert";
import { killTree, residentMb, treeResidentMb } from "./process_tree.ts";

const canRun = (await Deno.permissions.query({ name: "run" })).state === "granted" &&
  Deno.build.os !== "windows";

Deno.test({
  name: "treeResidentMb() counts the processes below the top one, from /proc and from ps alike",
  ignore: !canRun,
  fn: async () => {
    // A shell (a few MB) whose child holds 120 MB: what a sandbox looks like from outside
    // (bubblewrap, its init, then Deno). Asking about the top process alone sees the shell.
    const script =
      "const a = new Uint8Array(120e6).fill(1); await new Promise((r) => setTimeout(r, 8000)); a[0];";
    const child = new Deno.Command("sh", {
      args: ["-c", `"${Deno.execPath()}" eval '${script}'`],
      stdout: "null",
      stderr: "null",
    }).spawn();
    try {
      let tree = 0;
      for (let i = 0; i < 100 && tree < 100; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        tree = await treeResidentMb(child.pid, "ps");
      }
      ok(tree > 100, `ps: ${tree} MiB`);
      ok((await treeResidentMb(child.pid)) > 100, "auto");
      ok((await residentMb(child.pid)) < 50, "the shell alone");
    } finally {
      await killTree(child.pid);
      await child.status;
    }
  },
});
