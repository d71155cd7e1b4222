import { deepStrictEqual, strictEqual, throws } from "node:assert";
import { missingFiles, resolveKata } from "./kata_ref.ts";
import { ValueError } from "../core/errors.ts";

Deno.test("resolveKata() takes a number, a padded number, a slug, a folder or a path", () => {
  for (
    const input of [
      "7",
      "07",
      "softmax_cross_entropy",
      "07_softmax_cross_entropy",
      "katas/07_softmax_cross_entropy/",
      " 07 ",
    ]
  ) {
    strictEqual(resolveKata(input), "07_softmax_cross_entropy", input);
  }
  strictEqual(resolveKata("solutions/01_gradient_hessian"), "01_gradient_hessian");
});

Deno.test("resolveKata() refuses an unknown kata and lists the katas", () => {
  for (const input of ["9", "0", "adamw", "", "05_adamw"]) {
    throws(
      () => resolveKata(input),
      (e: Error) =>
        e instanceof ValueError &&
        e.message.startsWith(`Cannot find kata "${input}": choose a number from 01 to 08`) &&
        e.message.includes("05_adam"),
    );
  }
});

Deno.test("missingFiles() lists the stub and the suite when the folder is gone", async () => {
  const root = await Deno.makeTempDir();
  try {
    deepStrictEqual(await missingFiles(root, "05_adam"), [
      "katas/05_adam/adam.ts",
      "katas/05_adam/adam_test.ts",
    ]);
    await Deno.mkdir(`${root}/katas/05_adam`, { recursive: true });
    await Deno.writeTextFile(`${root}/katas/05_adam/adam.ts`, "");
    await Deno.writeTextFile(`${root}/katas/05_adam/adam_test.ts`, "");
    deepStrictEqual(await missingFiles(root, "05_adam"), []);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
