/**
 * Progress of a long job: one line on standard error, rewritten in place with `\r`, e.g.
 *
 *   import: 120,000 posts · 8,400 posts/s · 38% · ETA 0:45
 *
 * import, demo, accounts discover and reclassify use it; a later job (the rollup rebuild) takes the
 * same reporter and a `--quiet` option of its own:
 *
 *   const p = progress(io, 'rollup', { unit: 'days', total: days.length, quiet: opts.quiet });
 *   try { for (...) { ...; p.tick(++n); } } finally { p.done(); }
 *
 * Nothing is written unless standard error is a terminal (a pipe or a log file would keep every
 * `\r` redraw), nor with --quiet. Errors and the command's summary are not progress: they always print.
 */
import type { Io } from './command.js';

export interface ProgressOptions {
  /** What `done` counts, plural: 'posts', 'threads'. */
  unit: string;
  /** How many units the whole job has, when known: "12 of 85 ticks", a percentage and an ETA. */
  total?: number;
  /** --quiet: no progress at all. */
  quiet?: boolean;
  /** Units per second; off for a job of a few uneven steps, where a rate means nothing. */
  rate?: boolean;
  /** Milliseconds between redraws (200: at most 5 a second; a terminal redrawn per tick slows the job). */
  intervalMs?: number;
  /** The clock in milliseconds; tests inject one. */
  now?: () => number;
}

export interface TickExtra {
  /** How far the job is, 0..1, when `done` of `total` does not say (import: bytes read of all bytes). */
  fraction?: number;
  /** A few words after the figures: the step under way. */
  note?: string;
}

export interface Progress {
  /** `done` units so far; redrawn only if the last redraw is `intervalMs` old. */
  tick(done: number, extra?: TickExtra): void;
  /** Wipes the line, so the summary or an error starts on a clean one; call it in a `finally`. */
  done(): void;
}

// The rate and ETA follow the last few seconds: a job whose pace changes (posts stored in batches,
// a thread that is slow to re-read) would show a lagging average over the whole run.
const WINDOW_MS = 5_000;
const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const count = (n: number) => (n < 10 ? n.toFixed(1).replace(/\.0$/, '') : whole.format(n));

/** Seconds as m:ss or h:mm:ss. */
export function clockTime(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const mm = String(Math.floor((s % 3600) / 60));
  const ss = String(s % 60).padStart(2, '0');
  return s >= 3600 ? `${Math.floor(s / 3600)}:${mm.padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}

const silent: Progress = { tick: () => {}, done: () => {} };

/** A reporter for one job (`label` starts the line); a silent one off a terminal or with --quiet. */
export function progress(io: Io, label: string, opts: ProgressOptions): Progress {
  if (opts.quiet || !io.errIsTTY) return silent;
  const now = opts.now ?? (() => performance.now());
  const interval = opts.intervalMs ?? 200;
  // Samples only at redraws (at most 5 a second): the window stays small however often tick is called.
  const samples = [{ t: now(), done: 0, f: 0 }];
  let drawnAt = -Infinity;
  let width = 0;
  let finished = false;
  return {
    tick(done, extra = {}) {
      const t = now();
      if (finished || t - drawnAt < interval) return;
      drawnAt = t;
      const f = extra.fraction ?? (opts.total ? done / opts.total : undefined);
      samples.push({ t, done, f: f ?? 0 });
      // Keeps one sample from before the window, so the span is the whole window once the job is that old.
      while (samples.length > 2 && t - samples[1]!.t >= WINDOW_MS) samples.shift();
      const first = samples[0]!;
      const secs = (t - first.t) / 1000;
      const total = opts.total === undefined ? '' : ` of ${whole.format(opts.total)}`;
      const parts = [`${label}: ${whole.format(done)}${total} ${opts.unit}`];
      // Under half a second a rate is noise.
      if (opts.rate !== false && secs >= 0.5) parts.push(`${count((done - first.done) / secs)} ${opts.unit}/s`);
      if (extra.note) parts.push(extra.note);
      if (f !== undefined) {
        parts.push(`${Math.floor(Math.min(1, f) * 100)}%`);
        const pace = (f - first.f) / secs;
        if (secs >= 0.5 && pace > 0 && f < 1) parts.push(`ETA ${clockTime((1 - f) / pace)}`);
      }
      const text = parts.join(' · ');
      // Spaces overwrite what a longer earlier line left (no escape codes: any terminal will do).
      io.err(`\r${text.padEnd(width)}`);
      width = Math.max(width, text.length);
    },
    done() {
      if (!finished && width) io.err(`\r${' '.repeat(width)}\r`);
      finished = true;
    },
  };
}
