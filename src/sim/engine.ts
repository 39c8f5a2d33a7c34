// The one simulation interface. Callers pass a spec and get statistics back; which engine ran
// (WebGPU or the CPU twin) and on what adapter is reported, never assumed.
//   engine 'auto' (default): WebGPU when an adapter exists, else the CPU twin;
//   engine 'gpu': WebGPU, or an error saying why it is unavailable;
//   engine 'cpu': the twin.
// On device loss the run resumes from the last finished chunk on a fresh device, or (when no
// device can be had) continues on the CPU twin from that same checkpoint, with a message.
import { cpuAdvance, observeCheckpoint } from './cpu/engine';
import { acquireDevice, type GpuContext, GpuError } from './gpu/device';
import { checkLimits, gpuAdvance } from './gpu/engine';
import { makePlan, SimInputError, type SimPlan, type SimSpec } from './plan';
import {
  CancelledError,
  type Checkpoint,
  divergence,
  finish,
  initialCheckpoint,
  type Progress,
  type SimResult,
  throwIfAborted,
} from './stats';
import type { NodeSet } from './blocks';

export type { SimSpec, SimResult, Progress };
export type EngineChoice = 'auto' | 'gpu' | 'cpu';

export interface RunOptions {
  engine?: EngineChoice;
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
  /** Fresh devices to try after a device loss before falling back to the CPU twin (default 1). */
  deviceRetries?: number;
  /** Target seconds per GPU dispatch (default 0.25). */
  chunkSeconds?: number;
  /**
   * On cancel (signal), resolve with the records produced so far and `stoppedAt` instead of
   * rejecting: nothing computed is lost (the CLI's Ctrl-C).
   */
  partialOnCancel?: boolean;
  /** Test hook: called after each finished GPU chunk. */
  onChunkDone?: (info: { t: number; device: GPUDevice }) => void;
  /**
   * Keep the GPU device (and its compiled pipelines) here for the next run instead of destroying
   * it: a list of jobs pays for the device and for each distinct kernel once. The owner closes it.
   */
  devices?: DeviceHolder;
}

/** A GPU device kept between runs (see RunOptions.devices). */
export class DeviceHolder {
  ctx: GpuContext | null = null;
  close(): void {
    this.ctx?.device.destroy();
    this.ctx = null;
  }
}

export interface Capability {
  engine: 'gpu' | 'cpu';
  adapter: string;
  /** Why the GPU was not used, when it was not. */
  reason?: string;
}

const CPU_NAME = 'CPU twin (JavaScript)';

/** Which engine `auto` would use here, and on what adapter (acquires and releases a device). */
export async function capabilities(): Promise<Capability> {
  const ctx = await acquireDevice();
  if ('error' in ctx) return { engine: 'cpu', adapter: CPU_NAME, reason: ctx.error };
  const adapter = ctx.description;
  ctx.device.destroy();
  return { engine: 'gpu', adapter };
}

async function wasLost(ctx: GpuContext, e: unknown): Promise<boolean> {
  if (e instanceof GpuError && e.kind === 'lost') return true;
  if (e instanceof CancelledError || e instanceof SimInputError) return false;
  // A loss can surface first as a failed mapAsync; the lost promise settles shortly after.
  const lost = await Promise.race([
    ctx.device.lost.then(() => true),
    new Promise<boolean>((r) => setTimeout(() => r(false), 200)),
  ]);
  return lost || ctx.lost !== null;
}

/** The twin keeps every trajectory in memory; refuse sizes that cannot work before allocating. */
export const CPU_MAX_STATE = 2 ** 28;

function checkCpuSize(plan: SimPlan): void {
  if (plan.K * (plan.S + 1) > CPU_MAX_STATE) {
    throw new SimInputError(
      `${plan.K} trajectories are too many for the CPU engine (at most ${Math.floor(CPU_MAX_STATE / (plan.S + 1))} with ${plan.D} weights)`,
    );
  }
}

/** A finished run before its statistics are combined: what ran, and the checkpoint at step T. */
interface Ran {
  cp: Checkpoint;
  engine: 'gpu' | 'cpu';
  adapter: string;
  /** cancelled with partialOnCancel: cp holds the chunks done (records up to cp.recNext) */
  stopped?: boolean;
}

async function runOnGpu(plan: SimPlan, first: GpuContext, opts: RunOptions, messages: string[]): Promise<Ran> {
  const holder = opts.devices;
  // A held device stays alive after a run that ends normally (or with bad input); others go.
  const release = (ctx: GpuContext, keep: boolean) => {
    if (holder && keep && ctx.lost === null) holder.ctx = ctx;
    else {
      if (holder?.ctx === ctx) holder.ctx = null;
      ctx.device.destroy();
    }
  };
  try {
    checkLimits(plan, first.device.limits);
  } catch (e) {
    release(first, true);
    throw e;
  }
  const cp: Checkpoint = initialCheckpoint(plan);
  let ctx = first;
  let retries = opts.deviceRetries ?? 1;
  for (;;) {
    try {
      await gpuAdvance(plan, ctx, cp, opts);
      release(ctx, true);
      return { cp, engine: 'gpu', adapter: ctx.description };
    } catch (e) {
      if (e instanceof CancelledError && opts.partialOnCancel) {
        release(ctx, true);
        return { cp, engine: 'gpu', adapter: ctx.description, stopped: true };
      }
      if (!(await wasLost(ctx, e))) {
        release(ctx, e instanceof CancelledError || e instanceof SimInputError);
        throw e;
      }
      release(ctx, false);
      throwIfAborted(opts.signal);
      const why = ctx.lost ? `${ctx.lost.reason}: ${ctx.lost.message}` : (e as Error).message;
      const next = retries-- > 0 ? await acquireDevice() : { error: 'no retries left' };
      if ('error' in next) {
        messages.push(
          `GPU device lost at step ${cp.t} (${why}); continued on the CPU twin from step ${cp.t} (${next.error})`,
        );
        checkCpuSize(plan);
        const stopped = await cpuAdvanceOrStop(plan, cp, opts);
        return { cp, engine: 'cpu', adapter: `${CPU_NAME} after losing ${ctx.description}`, stopped };
      }
      messages.push(`GPU device lost at step ${cp.t} (${why}); resumed from step ${cp.t} on a new device`);
      ctx = next;
    }
  }
}

async function runPlan(plan: SimPlan, opts: RunOptions, messages: string[]): Promise<Ran> {
  throwIfAborted(opts.signal);
  const choice = opts.engine ?? 'auto';
  if (choice !== 'cpu') {
    const held = opts.devices?.ctx;
    const ctx = held && held.lost === null ? held : await acquireDevice();
    if (!('error' in ctx)) return runOnGpu(plan, ctx, opts, messages);
    if (choice === 'gpu') throw new GpuError(`the GPU engine is unavailable: ${ctx.error}`, 'internal');
    messages.push(`no GPU (${ctx.error}); ran on the CPU twin`);
  }
  checkCpuSize(plan);
  const cp = initialCheckpoint(plan);
  const stopped = await cpuAdvanceOrStop(plan, cp, opts);
  return { cp, engine: 'cpu', adapter: CPU_NAME, stopped };
}

/** Advance on the twin; true when cancelled with partialOnCancel (cp then holds what was done). */
async function cpuAdvanceOrStop(plan: SimPlan, cp: Checkpoint, opts: RunOptions): Promise<boolean> {
  try {
    await cpuAdvance(plan, cp, opts);
    return false;
  } catch (e) {
    if (e instanceof CancelledError && opts.partialOnCancel) return true;
    throw e;
  }
}

/** Run a simulation; resolves with mean and standard error at the recorded steps. */
export async function runSimulation(spec: SimSpec, opts: RunOptions = {}): Promise<SimResult> {
  const plan = makePlan(spec);
  if (plan.k0 !== 0)
    throw new SimInputError('firstTrajectory: a run that starts past trajectory 0 is a part of one; use runBlocks');
  const messages: string[] = [];
  const r = await runPlan(plan, opts, messages);
  if (r.stopped) return finish(plan, r.cp, r.engine, r.adapter, messages, observeCheckpoint(plan, r.cp));
  return finish(plan, r.cp, r.engine, r.adapter, messages);
}

/**
 * The mergeable statistics of trajectories firstTrajectory .. firstTrajectory + K − 1 (a shard
 * of a run, or a round of a progressive run): per recorded step the block-tree nodes of its
 * blocks (blocks.ts), and its divergence counts. Combined by blocks.ts into a run's statistics.
 */
export interface BlockRun {
  plan: SimPlan;
  engine: 'gpu' | 'cpu';
  adapter: string;
  blocks: NodeSet[];
  diverged: number;
  firstDiverged: number | null;
  messages: string[];
}

/** Cancelling rejects (partialOnCancel does not apply): a part's statistics merge only when complete. */
export async function runBlocks(spec: SimSpec, opts: RunOptions = {}): Promise<BlockRun> {
  const plan = makePlan(spec);
  const messages: string[] = [];
  const r = await runPlan(plan, { ...opts, partialOnCancel: false }, messages);
  return { plan, engine: r.engine, adapter: r.adapter, blocks: r.cp.blocks, ...divergence(r.cp.status), messages };
}
