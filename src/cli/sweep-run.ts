// Running the points of a sweep: in this process (one job) or on a pool of child processes, each
// a copy of this CLI (`__sweep-worker`), fed one grid index at a time. Only this process writes
// the output file, so lines never interleave. GPU simulations take a lock held here: one GPU
// simulation at a time per machine (README "Sweeps and clusters" says why), while predictions
// and CPU simulations use every job.
import { fork, type ChildProcess } from 'node:child_process';
import { openResults } from './sweep-io';
import { computeLine, type GpuLock } from './sweep-point';
import { readPlan, shardPoints, type Plan } from './sweep-plan';

export interface SweepOptions {
  out: string;
  shard: { index: number; count: number };
  jobs: number;
  /** Where progress goes (stderr); a bar with ETA on a terminal, plain lines otherwise. */
  progress: NodeJS.WriteStream | null;
}

export interface SweepSummary {
  plan: string;
  out: string;
  points: number;
  shard: string;
  inShard: number;
  alreadyDone: number;
  computed: number;
  jobs: number;
  droppedTornLine: boolean;
}

function fmtTime(s: number): string {
  if (!Number.isFinite(s)) return '?';
  const t = Math.round(s);
  const h = Math.floor(t / 3600),
    m = Math.floor((t % 3600) / 60),
    sec = t % 60;
  return h ? `${h}h${String(m).padStart(2, '0')}m` : m ? `${m}m${String(sec).padStart(2, '0')}s` : `${sec}s`;
}

class ProgressBar {
  private done = 0;
  private readonly t0 = performance.now();
  constructor(
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream | null,
  ) {
    if (total > 0) this.draw(); // at once: the first point may take a while
  }

  private draw(): void {
    if (!this.stream?.isTTY) return;
    const elapsed = (performance.now() - this.t0) / 1000;
    const eta = this.done ? (elapsed / this.done) * (this.total - this.done) : NaN;
    const pct = Math.floor((100 * this.done) / this.total);
    const width = 30;
    const fill = Math.round((width * this.done) / this.total);
    const bar = '█'.repeat(fill) + '░'.repeat(width - fill);
    this.stream.write(
      `\r\x1b[K${bar} ${this.done}/${this.total} ${pct}% elapsed ${fmtTime(elapsed)} ETA ${fmtTime(eta)}`,
    );
    if (this.done === this.total) this.stream.write('\n');
  }

  tick(index: number): void {
    this.done++;
    if (!this.stream) return;
    if (this.stream.isTTY) this.draw();
    else {
      const elapsed = (performance.now() - this.t0) / 1000;
      const eta = (elapsed / this.done) * (this.total - this.done);
      const pct = Math.floor((100 * this.done) / this.total);
      this.stream.write(`sweep: point ${index} done (${this.done}/${this.total}, ${pct}%, ETA ${fmtTime(eta)})\n`);
    }
  }
}

/** Lends one thing (the GPU) to one holder at a time, first come, first served. */
export class Turns<T> {
  private holder: T | null = null;
  private readonly waiting: T[] = [];
  constructor(private readonly grant: (holder: T) => void) {}

  get current(): T | null {
    return this.holder;
  }

  request(h: T): void {
    this.waiting.push(h);
    this.next();
  }

  /** Give the turn back, or stop waiting for one (a worker that exits does either). */
  release(h: T): void {
    if (this.holder === h) this.holder = null;
    const i = this.waiting.indexOf(h);
    if (i >= 0) this.waiting.splice(i, 1);
    this.next();
  }

  private next(): void {
    if (this.holder !== null || this.waiting.length === 0) return;
    this.holder = this.waiting.shift()!;
    this.grant(this.holder);
  }
}

interface WorkerMsg {
  type: 'line' | 'error' | 'gpu-acquire' | 'gpu-release';
  index?: number;
  line?: string;
  message?: string;
}

/** The pool: each child computes the indices it is given; the GPU is lent to one at a time. */
async function runPool(
  plan: Plan,
  planFile: string,
  todo: number[],
  jobs: number,
  onLine: (i: number, l: string) => void,
): Promise<void> {
  const queue = [...todo];
  const children: ChildProcess[] = [];
  const gpu = new Turns<ChildProcess>((c) => c.send({ type: 'gpu-granted' }));
  await new Promise<void>((resolve, reject) => {
    let failed = false;
    let running = 0;
    const fail = (e: Error) => {
      if (failed) return;
      failed = true;
      for (const c of children) c.kill();
      reject(e);
    };
    const feed = (c: ChildProcess) => {
      const next = queue.shift();
      if (next === undefined) {
        c.disconnect();
        return;
      }
      c.send({ type: 'point', index: next });
    };
    for (let j = 0; j < Math.min(jobs, todo.length); j++) {
      const c = fork(process.argv[1], ['__sweep-worker', planFile, plan.fingerprint], {
        execArgv: process.execArgv,
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      });
      children.push(c);
      running++;
      c.on('message', (m: WorkerMsg) => {
        if (failed) return;
        if (m.type === 'line') {
          try {
            onLine(m.index!, m.line!);
          } catch (e) {
            fail(e as Error);
            return;
          }
          feed(c);
        } else if (m.type === 'error') fail(new Error(m.message));
        else if (m.type === 'gpu-acquire') {
          gpu.request(c);
        } else if (m.type === 'gpu-release') {
          gpu.release(c);
        }
      });
      c.on('exit', (code, signal) => {
        gpu.release(c);
        running--;
        if (!failed && (code !== 0 || signal)) fail(new Error(`a sweep worker stopped (${signal ?? `exit ${code}`})`));
        else if (!failed && running === 0) {
          if (queue.length) fail(new Error('the sweep workers stopped before every point was done'));
          else resolve();
        }
      });
      feed(c);
    }
  });
}

/** The child's side of runPool (the hidden `__sweep-worker` command). */
export async function sweepWorker(args: string[]): Promise<void> {
  const [planFile, fingerprint] = args;
  const send = (m: object) => process.send!(m);
  let plan: Plan;
  try {
    plan = readPlan(planFile, { checkPoints: false }); // the parent checked them all
    if (plan.fingerprint !== fingerprint) throw new Error(`${planFile} changed while the sweep ran`);
  } catch (e) {
    send({ type: 'error', message: (e as Error).message });
    return;
  }
  let granted: (() => void) | null = null;
  const gpuLock: GpuLock = async (fn) => {
    await new Promise<void>((r) => {
      granted = r;
      send({ type: 'gpu-acquire' });
    });
    try {
      return await fn();
    } finally {
      send({ type: 'gpu-release' });
    }
  };
  await new Promise<void>((resolve) => {
    process.on('disconnect', resolve);
    process.on('message', (m: { type: string; index?: number }) => {
      if (m.type === 'gpu-granted') granted?.();
      else if (m.type === 'point') {
        computeLine(plan, m.index!, gpuLock).then(
          (line) => send({ type: 'line', index: m.index, line }),
          (e: Error) => send({ type: 'error', index: m.index, message: e.message }),
        );
      }
    });
  });
}

/** Compute the shard's points that the output does not hold yet, appending one line per point. */
export async function runSweep(plan: Plan, planFile: string, opts: SweepOptions): Promise<SweepSummary> {
  const mine = shardPoints(plan.size, opts.shard);
  const res = openResults(opts.out, plan);
  const todo = mine.filter((i) => !res.done.has(i));
  const jobs = Math.max(1, Math.min(opts.jobs, todo.length));
  const bar = new ProgressBar(todo.length, opts.progress);
  const onLine = (i: number, line: string) => {
    res.append(line);
    bar.tick(i);
  };
  try {
    if (jobs === 1) for (const i of todo) onLine(i, await computeLine(plan, i));
    else await runPool(plan, planFile, todo, jobs, onLine);
  } finally {
    res.close();
  }
  return {
    plan: plan.fingerprint,
    out: opts.out,
    points: plan.size,
    shard: `${opts.shard.index}/${opts.shard.count}`,
    inShard: mine.length,
    alreadyDone: mine.length - todo.length,
    computed: todo.length,
    jobs,
    droppedTornLine: res.droppedTorn,
  };
}
