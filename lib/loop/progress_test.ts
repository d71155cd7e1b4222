import { deepStrictEqual, ok, strictEqual } from "node:assert";
import {
  parseProgress,
  PROGRESS_FILE,
  PROGRESS_FORMAT,
  ProgressStore,
  sealOf,
  serializeProgress,
} from "./progress.ts";
import type { KataReport } from "./summary.ts";

function report(
  dir: string,
  status: KataReport["status"],
  passed: number,
  failed: number,
): KataReport {
  return {
    dir,
    status,
    passed,
    failed,
    skipped: 0,
    compileErrors: [],
    backends: ["cpu"],
    skippedBackends: {},
    typeCheck: "ok",
  };
}

async function withRoot(fn: (root: string) => Promise<void>): Promise<void> {
  const root = await Deno.makeTempDir();
  try {
    await fn(root);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

Deno.test("ProgressStore records a verified result with its files hash and a seal, and reads it back", async () => {
  await withRoot(async (root) => {
    const store = await ProgressStore.open(root);
    deepStrictEqual(store.notices, []);
    await store.record(
      report("05_adam", "failing", 3, 9),
      "aaaa",
      new Date("2025-01-01T00:00:00Z"),
    );
    const again = await ProgressStore.open(root);
    deepStrictEqual(again.notices, []);
    const result = again.freshResult("05_adam", "aaaa")!;
    strictEqual(result.status, "failing");
    strictEqual(result.passed, 3);
    strictEqual(result.total, 12);
    strictEqual(result.checked, "2025-01-01T00:00:00.000Z");
    strictEqual(
      again.freshResult("05_adam", "bbbb"),
      undefined,
      "a result on other files is stale",
    );
  });
});

Deno.test("ProgressStore keeps the time of an unchanged result, so re-runs do not churn the file", async () => {
  await withRoot(async (root) => {
    const store = await ProgressStore.open(root);
    await store.record(
      report("05_adam", "passing", 2, 0),
      "aaaa",
      new Date("2025-01-01T00:00:00Z"),
    );
    const text = await Deno.readTextFile(`${root}/${PROGRESS_FILE}`);
    await store.record(
      report("05_adam", "passing", 2, 0),
      "aaaa",
      new Date("2025-02-02T00:00:00Z"),
    );
    strictEqual(await Deno.readTextFile(`${root}/${PROGRESS_FILE}`), text);
  });
});

Deno.test("the progress file is readable JSON with one entry per kata in course order", async () => {
  await withRoot(async (root) => {
    const store = await ProgressStore.open(root);
    store.entry("06_warmup").hints = 2;
    await store.record(report("01_gradient_hessian", "passing", 8, 0), "h1");
    const data = JSON.parse(await Deno.readTextFile(`${root}/${PROGRESS_FILE}`));
    strictEqual(data.format, PROGRESS_FORMAT);
    deepStrictEqual(Object.keys(data.katas), ["01_gradient_hessian", "06_warmup"]);
    deepStrictEqual(Object.keys(data.katas["01_gradient_hessian"]), [
      "status",
      "passed",
      "total",
      "backend",
      "checked",
      "files",
      "seal",
      "hints",
      "skipped",
    ]);
    deepStrictEqual(data.katas["06_warmup"], { hints: 2, skipped: false });
  });
});

Deno.test("parseProgress() starts afresh from a file that is not JSON, and says so", async () => {
  const { progress, problems } = await parseProgress(
    '{"format": "grad-dojo progress 1", "katas": {',
  );
  deepStrictEqual(progress, { katas: {} });
  ok(problems[0].startsWith("it is not valid JSON"), problems[0]);
});

Deno.test("parseProgress() drops a hand-edited result whose seal no longer matches", async () => {
  const base = { status: "failing" as const, passed: 1, total: 9, backend: "cpu", files: "f" };
  const entry = {
    ...base,
    checked: "2025-01-01T00:00:00.000Z",
    seal: await sealOf("03_minibatch_sgd", base),
  };
  const edited = { ...entry, status: "passing", passed: 9 };
  const text = JSON.stringify({
    format: PROGRESS_FORMAT,
    katas: { "03_minibatch_sgd": { ...edited, hints: 1, skipped: false } },
  });
  const { progress, problems } = await parseProgress(text);
  strictEqual(progress.katas["03_minibatch_sgd"].result, undefined);
  strictEqual(progress.katas["03_minibatch_sgd"].hints, 1, "the learner's hints survive");
  deepStrictEqual(problems, [
    "the result of 03_minibatch_sgd does not match its seal (edited by hand?); it will be re-checked",
  ]);
});

Deno.test("parseProgress() repairs field by field: unknown katas, bad hints, bad skip, bad current, bad result", async () => {
  const text = JSON.stringify({
    format: PROGRESS_FORMAT,
    current: "99_nope",
    katas: {
      "09_extra": {},
      "05_adam": { hints: 7, skipped: "yes" },
      "06_warmup": { status: "passing", passed: "all" },
      "07_softmax_cross_entropy": [],
    },
  });
  const { progress, problems } = await parseProgress(text);
  deepStrictEqual(progress, {
    katas: { "05_adam": { hints: 0, skipped: false }, "06_warmup": { hints: 0, skipped: false } },
  });
  deepStrictEqual(problems, [
    '"current" named no kata ("99_nope"); dropped',
    'unknown kata "09_extra" dropped',
    "hints of 05_adam was 7, not 0 to 3; reset to 0",
    'skipped of 05_adam was "yes", not true or false; reset',
    "the result of 06_warmup was incomplete; it will be re-checked",
    "the entry of 07_softmax_cross_entropy was not an object; it will be re-checked",
  ]);
});

Deno.test("ProgressStore.open() repairs a damaged file on disk and reports it once", async () => {
  await withRoot(async (root) => {
    await Deno.writeTextFile(`${root}/${PROGRESS_FILE}`, "[1, 2");
    const store = await ProgressStore.open(root);
    strictEqual(store.notices.length, 1);
    ok(
      store.notices[0].startsWith(`Repaired ${PROGRESS_FILE}: it is not valid JSON`),
      store.notices[0],
    );
    const { problems } = await parseProgress(await Deno.readTextFile(`${root}/${PROGRESS_FILE}`));
    deepStrictEqual(problems, [], "the file on disk is sound again");
  });
});

Deno.test("ProgressStore works read-only when the file cannot be written, and says so once", async () => {
  await withRoot(async (root) => {
    // A folder where the file should be: writing fails whoever runs the test (root included).
    await Deno.mkdir(`${root}/${PROGRESS_FILE}`);
    const store = await ProgressStore.open(root);
    ok(store.readOnly, "unreadable file means read-only");
    ok(store.notices[0].startsWith(`Cannot read ${PROGRESS_FILE}`), store.notices[0]);
    const result = await store.record(report("05_adam", "passing", 2, 0), "aaaa");
    strictEqual(result.status, "passing", "results are still kept in memory");
    strictEqual(store.freshResult("05_adam", "aaaa")?.status, "passing");
  });
});

Deno.test("ProgressStore.save() reports a failed write as read-only instead of throwing", async () => {
  await withRoot(async (root) => {
    const store = await ProgressStore.open(root);
    await Deno.mkdir(`${root}/${PROGRESS_FILE}`);
    strictEqual(await store.save(), false);
    ok(store.readOnly);
    ok(store.notices[0].startsWith(`Cannot save ${PROGRESS_FILE}:`), store.notices[0]);
    ok(
      store.notices[0].endsWith("working read-only, progress lasts until you quit"),
      store.notices[0],
    );
    await store.save();
    strictEqual(store.notices.length, 1, "said once");
  });
});

Deno.test("serializeProgress() then parseProgress() gives the same progress", async () => {
  const base = {
    status: "passing" as const,
    passed: 2,
    total: 2,
    backend: "cpu+webgpu",
    files: "abc",
  };
  const progress = {
    current: "02_critical_points",
    katas: {
      "01_gradient_hessian": {
        result: { ...base, checked: "t", seal: await sealOf("01_gradient_hessian", base) },
        hints: 3,
        skipped: false,
      },
      "02_critical_points": { hints: 0, skipped: true },
    },
  };
  const { progress: back, problems } = await parseProgress(serializeProgress(progress));
  deepStrictEqual(problems, []);
  deepStrictEqual(back, progress);
});
