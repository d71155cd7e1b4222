import { deepStrictEqual, ok, rejects } from "node:assert";
import { ClassFolderError, listClass } from "./class_folder.ts";
import { gradeTest } from "./_test_permissions.ts";

gradeTest(
  "listClass() lists student folders and warns about files and clashing names",
  async () => {
    const dir = await Deno.makeTempDir();
    for (const name of ["bob", "Alice", "alice", ".git"]) await Deno.mkdir(`${dir}/${name}`);
    await Deno.writeTextFile(`${dir}/carol.zip`, "");
    const { submissions, warnings } = await listClass(dir);
    deepStrictEqual(submissions.map((s) => s.student), ["Alice", "alice (2)", "bob"]);
    ok(
      warnings.some((w) =>
        w.includes('"carol.zip": a file, not a submission folder (unpack it first)')
      ),
    );
    ok(
      warnings.some((w) => w.startsWith('duplicate student names: "Alice" and "alice"')),
      warnings.join("\n"),
    );
    await Deno.remove(dir, { recursive: true });
  },
);

gradeTest("listClass() refuses a folder that does not exist or holds no submission", async () => {
  const dir = await Deno.makeTempDir();
  await rejects(() => listClass(`${dir}/nope`), ClassFolderError);
  await rejects(() => listClass(dir), /holds no submission folders/);
  await Deno.remove(dir, { recursive: true });
});
