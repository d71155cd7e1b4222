// The guided loop's `f` key: figures drawn in a child process, previewed in the terminal.
import { deepStrictEqual, ok } from "node:assert";
import { keyActions, lineAction } from "../loop/keys.ts";
import { solvedRoot } from "./_solved_root.ts";
import { drawForLoop } from "./loop_preview.ts";

Deno.test("the loop's f key and the words figures/show ask for the figures", () => {
  deepStrictEqual(keyActions("f"), [{ kind: "figures" }]);
  deepStrictEqual(lineAction("figures"), { kind: "figures" });
  deepStrictEqual(lineAction("show"), { kind: "figures" });
});

Deno.test("drawForLoop() draws kata 04 into figures/ and previews θ per update with the SVG paths", async () => {
  const root = await solvedRoot();
  const lines = await drawForLoop(root, "04_momentum", false);
  const text = lines.join("\n");
  ok(lines[0] === "θ after each update, t = 0…150", text);
  ok(/[╭╮╰╯]/.test(text), `no chart drawn:\n${text}`);
  ok(text.includes("(1) gradient descent") && text.includes("(2) momentum (λ = 0.9)"), text);
  ok(text.includes("  figures/04_bump.svg") && text.includes("  figures/04_theta_per_update.svg"));
  ok(text.includes("figures/index.html"));
  ok((await Deno.stat(`${root}/figures/04_bump.svg`)).isFile);
});

Deno.test("drawForLoop() on a kata file that does not load says so", async () => {
  const root = await solvedRoot(
    {},
    (dir, text) => dir === "04_momentum" ? "export const = ;" : text,
  );
  const text = (await drawForLoop(root, "04_momentum", false)).join("\n");
  ok(text.includes("Cannot load katas/04_momentum/momentum.ts"), text);
});
