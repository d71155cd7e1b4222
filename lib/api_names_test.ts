/**
 * Every error message in lib/ that names an API — `.cast()`, `t.data()`,
 * `adam()` — names one that exists: a Tensor method, or a function, class or
 * constant exported somewhere in lib/, katas/ or solutions/. A message that
 * sends a learner to a method that does not exist (".toFloat()") fails here.
 * A plural mark, "error(s)", is not a call.
 */
import { ok } from "node:assert";
import { fileURLToPath } from "node:url";
import { codeOnly } from "./check/import_graph.ts";
import { Tensor } from "./tensor/mod.ts";

const root = fileURLToPath(new URL("..", import.meta.url)).replace(/\/$/, "");
const canRead = (await Deno.permissions.query({ name: "read", path: root })).state === "granted";

/** Names from the platform or the language that messages may name. */
const PLATFORM = new Set([
  "requestAdapter", // WebGPU: navigator.gpu.requestAdapter()
  "requestDevice", // WebGPU
  "structuredClone",
]);

async function files(dir: string, keep: (path: string) => boolean): Promise<string[]> {
  const out: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory && entry.name !== "fixtures") out.push(...await files(path, keep));
    else if (entry.isFile && path.endsWith(".ts") && keep(path)) out.push(path);
  }
  return out;
}

const isTest = (path: string) => /(_test|_bench)\.ts$|\/_test_[^/]*\.ts$/.test(path);

/** The literal texts inside `new …Error(…)` arguments of a source, comments left out. */
function errorMessages(source: string): string[] {
  const literals: { text: string; at: number }[] = [];
  const code = codeOnly(source, (text, at) => literals.push({ text, at }))
    // Blank quoted strings too, so that a "(" inside a message cannot unbalance the parentheses.
    .replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, (s) => " ".repeat(s.length));
  const messages: string[] = [];
  for (const match of code.matchAll(/\bnew \w*Error\(/g)) {
    let depth = 1;
    let end = match.index + match[0].length;
    while (end < code.length && depth > 0) {
      if (code[end] === "(") depth++;
      if (code[end] === ")") depth--;
      end++;
    }
    for (const { text, at } of literals) if (at > match.index && at < end) messages.push(text);
  }
  return messages;
}

Deno.test({
  name: "every API an error message in lib/ names exists on Tensor or as an export",
  ignore: !canRead,
  async fn() {
    const known = new Set<string>([
      ...Object.getOwnPropertyNames(Tensor.prototype),
      ...PLATFORM,
    ]);
    const sources = [
      ...await files(`${root}/lib`, () => true),
      ...await files(`${root}/katas`, () => true),
      // A student copy (deno task release) has no solutions/.
      ...await files(`${root}/solutions`, () => true).catch(() => []),
    ];
    for (const path of sources) {
      const text = await Deno.readTextFile(path);
      for (
        const m of text.matchAll(/export\s+(?:async\s+)?(?:function\*?|const|let|class)\s+(\w+)/g)
      ) {
        known.add(m[1]);
      }
    }
    const named: string[] = [];
    const wrong: string[] = [];
    for (const path of await files(`${root}/lib`, (p) => !isTest(p))) {
      for (const message of errorMessages(await Deno.readTextFile(path))) {
        for (
          const [, name] of message.matchAll(/(?<![\w$])\.?([A-Za-z_$][\w$]*)\((?!e?s\))[^()]*\)/g)
        ) {
          named.push(name);
          if (!known.has(name)) {
            wrong.push(`${path.slice(root.length + 1)}: "${name}()" in "${message}"`);
          }
        }
      }
    }
    ok(
      named.includes("data"),
      `the scan found only ${named.join(", ")}: is it reading the messages?`,
    );
    ok(wrong.length === 0, `error messages name APIs that do not exist:\n${wrong.join("\n")}`);
  },
});
