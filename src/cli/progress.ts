// Long simulations talk: progress (percentage, rate, ETA) on stderr once a run has gone on for a
// couple of seconds and stderr is a terminal, and Ctrl-C (SIGINT) cancels at the next chunk
// boundary so that the command prints what it has (the records done so far) and exits 130.
import type { Progress } from '../sim/stats';

/** Seconds before the first progress line (short runs stay quiet). */
export const PROGRESS_DELAY_S = 2;
/** Seconds between progress lines. */
const PROGRESS_EVERY_S = 0.5;
/** The exit status of a run stopped by Ctrl-C (128 + SIGINT), with its partial result on stdout. */
export const INTERRUPTED_EXIT = 130;

/** A run stopped by Ctrl-C with nothing it could print (a shard): exits with INTERRUPTED_EXIT. */
export class InterruptedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InterruptedError';
  }
}

export interface ProgressOptions {
  /** where progress goes (default process.stderr) */
  stream?: { write(s: string): unknown; isTTY?: boolean };
  /** seconds since some origin (default: the process clock) */
  now?: () => number;
  /** listen for SIGINT (default true) */
  sigint?: boolean;
}

/** One progress line: `simulate: 42.0% (4200000 of 10000000 steps), 1.2e6 steps/s, ETA 5 s`. */
export function progressLine(step: number, T: number, elapsedS: number): string {
  const pct = T > 0 ? (100 * step) / T : 100;
  const rate = elapsedS > 0 ? step / elapsedS : 0;
  const eta = rate > 0 ? (T - step) / rate : Infinity;
  return `simulate: ${pct.toFixed(1)}% (${step} of ${T} steps), ${formatRate(rate)} steps/s, ETA ${formatDuration(eta)}`;
}

function formatRate(r: number): string {
  return r >= 1e4 ? r.toExponential(1) : r.toFixed(r >= 100 ? 0 : 1);
}

export function formatDuration(s: number): string {
  if (!Number.isFinite(s)) return 'unknown';
  if (s < 90) return `${Math.ceil(s)} s`;
  if (s < 5400) return `${Math.round(s / 60)} min`;
  if (s < 48 * 3600) return `${(s / 3600).toFixed(1)} h`;
  return `${(s / 86400).toFixed(1)} days`;
}

export interface RunTalk {
  onProgress: (p: Progress) => void;
  signal: AbortSignal;
  /** whether Ctrl-C stopped the run */
  readonly interrupted: boolean;
  /** end the progress line and stop listening for SIGINT */
  dispose(): void;
}

/** Progress reporting and Ctrl-C handling for one simulation run of the CLI. */
export function runTalk(opts: ProgressOptions = {}): RunTalk {
  const stream = opts.stream ?? process.stderr;
  const now = opts.now ?? (() => performance.now() / 1000);
  const start = now();
  const controller = new AbortController();
  let interrupted = false;
  let lastLine = -Infinity;
  let wrote = false;
  const onSigint = (): void => {
    if (interrupted) process.exit(INTERRUPTED_EXIT); // a second Ctrl-C does not wait for the chunk
    interrupted = true;
    stream.write(
      `${wrote ? '\n' : ''}simulate: interrupted; finishing the current chunk, then printing the steps done so far\n`,
    );
    wrote = false;
    controller.abort();
  };
  const listen = opts.sigint ?? true;
  if (listen) process.on('SIGINT', onSigint);
  return {
    signal: controller.signal,
    get interrupted() {
      return interrupted;
    },
    onProgress(p) {
      const t = now();
      const elapsed = t - start;
      if (!stream.isTTY || elapsed < PROGRESS_DELAY_S || t - lastLine < PROGRESS_EVERY_S || interrupted) return;
      lastLine = t;
      stream.write(`\r${progressLine(p.step, p.T, elapsed)}\x1b[K`);
      wrote = true;
    },
    dispose() {
      if (listen) process.off('SIGINT', onSigint);
      if (wrote) stream.write('\n');
      wrote = false;
    },
  };
}
