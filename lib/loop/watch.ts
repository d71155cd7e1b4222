/**
 * Watches the katas folder and reports saves of the files that matter, after
 * a short quiet period (editors write a file in several steps). Uses the
 * operating system's file events: no polling, no CPU while nothing changes.
 *
 * @module
 */

/** A running watch. */
export interface Watch {
  /** Stops watching. */
  close(): void;
}

/** Options of {@linkcode watchFiles}. */
export interface WatchOptions {
  /** Which changed paths count (absolute paths). */
  accept: (path: string) => boolean;
  /** Called once per burst of accepted changes, with the paths that changed. */
  onChange: (paths: string[]) => void;
  /** Quiet period before reporting, in milliseconds. */
  debounceMs?: number;
  /** Called if the watch itself fails (the folder vanished, too many watches). */
  onError?: (error: unknown) => void;
}

/**
 * Watches a folder recursively and calls `onChange` after each burst of changes.
 *
 * @param folder The folder to watch (absolute).
 * @param options What counts, what to call, how long to wait.
 * @returns A handle to stop watching.
 *
 * @example Needs read and write access to the temp folder
 * ```ts ignore
 * import { watchFiles } from "./watch.ts";
 * import { deepStrictEqual } from "node:assert";
 * const dir = await Deno.makeTempDir();
 * const seen = Promise.withResolvers<string[]>();
 * const watch = watchFiles(dir, { accept: (p) => p.endsWith(".ts"), onChange: seen.resolve });
 * await new Promise((r) => setTimeout(r, 50));
 * await Deno.writeTextFile(`${dir}/a.ts`, "x");
 * deepStrictEqual(await seen.promise, [`${dir}/a.ts`]);
 * watch.close();
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export function watchFiles(folder: string, options: WatchOptions): Watch {
  const debounceMs = options.debounceMs ?? 40;
  const watcher = Deno.watchFs(folder, { recursive: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  let changed = new Set<string>();
  let closed = false;
  (async () => {
    try {
      for await (const event of watcher) {
        if (event.kind === "access" || event.kind === "other") continue;
        const paths = event.paths.filter(options.accept);
        if (!paths.length) continue;
        for (const path of paths) changed.add(path);
        clearTimeout(timer);
        timer = setTimeout(() => {
          const batch = [...changed];
          changed = new Set();
          if (!closed) options.onChange(batch);
        }, debounceMs);
      }
    } catch (error) {
      if (!closed) options.onError?.(error);
    }
  })();
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      try {
        watcher.close();
      } catch { /* already closed */ }
    },
  };
}
