import { ok, rejects, strictEqual } from "node:assert";
import { fileURLToPath } from "node:url";
import { BuildError, buildNpm, PUBLIC_EXPORTS } from "./npm.ts";
import { run } from "./test_npm.ts";

const repo = fileURLToPath(new URL("../..", import.meta.url)).replace(/\/$/, "");

/** A scratch copy of what the build reads: deno.json, LICENSE and lib/. */
async function scratchRepo(): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "grad-dojo-build-" });
  await Deno.copyFile(`${repo}/deno.json`, `${dir}/deno.json`);
  await Deno.copyFile(`${repo}/LICENSE`, `${dir}/LICENSE`);
  const copy = async (from: string, to: string) => {
    await Deno.mkdir(to, { recursive: true });
    for await (const e of Deno.readDir(from)) {
      if (e.isDirectory) await copy(`${from}/${e.name}`, `${to}/${e.name}`);
      else if (e.isFile) await Deno.copyFile(`${from}/${e.name}`, `${to}/${e.name}`);
    }
  };
  await copy(`${repo}/lib`, `${dir}/lib`);
  return dir;
}

Deno.test("buildNpm() replaces a non-empty npm/ and emits no test file", async () => {
  const out = await Deno.makeTempDir({ prefix: "grad-dojo-npm-out-" });
  try {
    await Deno.writeTextFile(`${out}/stale.js`, "export const stale = true;");
    const built = await buildNpm(repo, out);
    await rejects(Deno.stat(`${out}/stale.js`), Deno.errors.NotFound, "the stale file is gone");
    ok(built.files.includes("esm/mod.js") && built.files.includes("esm/mod.d.ts"));
    ok(!built.files.some((f) => /_test\.|fixtures|katas|solutions/.test(f)), "no test file");
    const pkg = JSON.parse(await Deno.readTextFile(`${out}/package.json`));
    const config = JSON.parse(await Deno.readTextFile(`${repo}/deno.json`));
    strictEqual(pkg.version, config.version, "the version comes from deno.json");
    strictEqual(pkg.type, "module");
    strictEqual(pkg.engines.node, ">=20");
    for (const subpath of built.exports) {
      ok(subpath in PUBLIC_EXPORTS);
      await Deno.stat(`${out}/${pkg.exports[subpath].import}`);
      await Deno.stat(`${out}/${pkg.exports[subpath].types}`);
    }
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});

Deno.test("buildNpm() fails on a public module that does not type-check, naming its file and line", async () => {
  const scratch = await scratchRepo();
  try {
    await Deno.writeTextFile(
      `${scratch}/lib/tensor/broken_export.ts`,
      "/** Planted. */\nexport function broken(x) {\n  return x;\n}\n",
    );
    await Deno.writeTextFile(
      `${scratch}/lib/tensor/mod.ts`,
      (await Deno.readTextFile(`${scratch}/lib/tensor/mod.ts`)) +
        'export * from "./broken_export.ts";\n',
    );
    await rejects(buildNpm(scratch, `${scratch}/npm`), (error: Error) => {
      ok(error instanceof BuildError, String(error));
      ok(error.message.startsWith("Cannot build the npm package:"), error.message);
      ok(error.message.includes("lib/tensor/broken_export.ts:2:"), error.message);
      return true;
    });
  } finally {
    await Deno.remove(scratch, { recursive: true });
  }
});

Deno.test("a missing tool is named, with what is needed", async () => {
  await rejects(
    run("grad-dojo-no-such-node", ["--version"], repo),
    /Cannot test the npm package: `grad-dojo-no-such-node` is not installed/,
  );
});
