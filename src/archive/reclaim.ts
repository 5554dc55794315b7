import v8 from 'node:v8';
import vm from 'node:vm';

// V8 lets the heap grow towards its limit (gigabytes) before it collects in full. An import
// allocates far more than it keeps (about 40 MB live against a heap of 270 MB at 100,000 posts), so
// its memory grew with the file. A full collection about once a second, between batches, keeps the
// heap near what is live, at no measurable cost in time (docs/benchmarks.md).
let collect: (() => void) | undefined | null;

function gcFunction(): (() => void) | undefined {
  if (collect === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      collect = vm.runInNewContext('gc') as () => void;
    } catch {
      collect = null; // a runtime without it: memory is only less tidy
    }
  }
  return collect ?? undefined;
}

/** Returns a function to call between batches: it collects at most once per `everyMs`. */
export function reclaimer(everyMs = 1000, now: () => number = Date.now): () => void {
  let last = now();
  return () => {
    if (now() - last < everyMs) return;
    gcFunction()?.();
    last = now();
  };
}
