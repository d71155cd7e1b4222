import { deepStrictEqual, strictEqual, throws } from "node:assert";
import { parseArgs } from "./args.ts";

Deno.test("parseArgs() with nothing opens the loop with a 30 s timeout and colours", () => {
  deepStrictEqual(parseArgs([]), { command: "loop", timeoutSeconds: 30, colour: true });
  strictEqual(parseArgs([], true).colour, false, "NO_COLOR turns colours off");
});

Deno.test("parseArgs() reads the subcommands and their kata", () => {
  deepStrictEqual(parseArgs(["hint", "05"]).kata, "05");
  strictEqual(parseArgs(["run", "adam", "--timeout=5"]).timeoutSeconds, 5);
  strictEqual(parseArgs(["check", "--backend", "webgpu"]).backend, "webgpu");
  strictEqual(parseArgs(["list", "--no-color"]).colour, false);
  strictEqual(parseArgs(["--help", "whatever"]).command, "help");
});

Deno.test("parseArgs() refuses bad values with a message that says what to do", () => {
  throws(
    () => parseArgs(["--pair", "0"]),
    /Cannot start pair mode: "0" is not a number of minutes above 0/,
  );
  throws(() => parseArgs(["--pair"]), /Cannot read --pair: it needs a value/);
  throws(
    () => parseArgs(["--backend=tpu"]),
    /Cannot use backend "tpu": choose cpu, webgpu, auto/,
  );
  throws(() => parseArgs(["--backend", "gpu"]), /choose cpu, webgpu, auto/);
  throws(() => parseArgs(["--timeout=-1"]), /Cannot set the timeout/);
  throws(
    () => parseArgs(["--frobnicate"]),
    /Cannot read option "--frobnicate": the options are --pair, --backend, --timeout, --no-color/,
  );
  throws(() => parseArgs(["-x"]), /Cannot read option "-x": the options are/);
  throws(() => parseArgs(["hint"]), /Cannot hint: name a kata, e.g. "deno task start hint 05"/);
  throws(() => parseArgs(["run", "05", "06"]), /too many arguments/);
});

Deno.test("parseArgs() takes --backend auto as the default, both backends", () => {
  strictEqual(parseArgs(["--backend", "auto"]).backend, undefined);
  strictEqual(parseArgs(["-h"]).command, "help");
});
