/**
 * The loop on the real katas and library (not stand-ins): the first kata on a
 * fresh copy is red with the library's "not implemented yet" message, and
 * turns green once its solution is dropped in.
 */
import { ok, strictEqual } from "node:assert";
import { KATA_DIRS, kataFiles } from "../kata/catalogue.ts";
import { copy, REPO_ROOT, runLoop } from "./_test_repo.ts";

const exists = (path: string) => Deno.stat(path).then(() => true, () => false);

async function firstKata(): Promise<string | undefined> {
  for (const dir of KATA_DIRS) {
    const files = kataFiles(dir);
    const all = await Promise.all(
      [files.stub, files.test, files.solution].map((p) => exists(`${REPO_ROOT}/${p}`)),
    );
    if (all.every(Boolean)) return dir;
  }
}

const kata = await firstKata();

Deno.test({
  name: "loop on the real first kata: red on a fresh copy, green with its solution",
  ignore: kata === undefined || !(await exists(`${REPO_ROOT}/solutions`)),
  async fn() {
    const dir = kata!;
    const files = kataFiles(dir);
    const root = await Deno.makeTempDir({ prefix: "grad-dojo-loop-real-" });
    try {
      await copy(["katas", "solutions", "lib", "data", "deno.json", "deno.lock"], REPO_ROOT, root);
      let r = await runLoop(root, ["run", dir, "--backend=cpu"]);
      strictEqual(r.code, 1, r.output);
      ok(r.output.startsWith(`✗ ${dir} — 0 of `), r.output);
      ok(r.output.includes(`not implemented yet: kata ${files.number} — `), r.output);
      await Deno.copyFile(`${root}/${files.solution}`, `${root}/${files.stub}`);
      r = await runLoop(root, ["run", dir, "--backend=cpu"]);
      strictEqual(r.code, 0, r.output);
      ok(r.output.startsWith(`✓ ${dir} — all `), r.output);
    } finally {
      await Deno.remove(root, { recursive: true });
    }
  },
});
