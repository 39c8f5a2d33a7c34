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
import { CancelledError, type Checkpoint, finish, initialCheckpoint, type Progress, type SimResult, throwIfAborted } from './stats';

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

async function runOnGpu(plan: SimPlan, first: GpuContext, opts: RunOptions, messages: string[]): Promise<SimResult> {
  try {
    checkLimits(plan, first.device.limits);
  } catch (e) {
    first.device.destroy();
    throw e;
  }
  const cp: Checkpoint = initialCheckpoint(plan);
  let ctx = first;
  let retries = opts.deviceRetries ?? 1;
  for (;;) {
    try {
      await gpuAdvance(plan, ctx, cp, opts);
      ctx.device.destroy();
      return finish(plan, cp, 'gpu', ctx.description, messages);
    } catch (e) {
      if (e instanceof CancelledError && opts.partialOnCancel) {
        ctx.device.destroy();
        return finish(plan, cp, 'gpu', ctx.description, messages, true, observeCheckpoint(plan, cp));
      }
      if (!(await wasLost(ctx, e))) {
        ctx.device.destroy();
        throw e;
      }
      throwIfAborted(opts.signal);
      const why = ctx.lost ? `${ctx.lost.reason}: ${ctx.lost.message}` : (e as Error).message;
      const next = retries-- > 0 ? await acquireDevice() : { error: 'no retries left' };
      if ('error' in next) {
        messages.push(`GPU device lost at step ${cp.t} (${why}); continued on the CPU twin from step ${cp.t} (${next.error})`);
        checkCpuSize(plan);
        const partial = await cpuAdvanceOrStop(plan, cp, opts);
        return finish(plan, cp, 'cpu', `${CPU_NAME} after losing ${ctx.description}`, messages, partial, partial ? observeCheckpoint(plan, cp) : undefined);
      }
      messages.push(`GPU device lost at step ${cp.t} (${why}); resumed from step ${cp.t} on a new device`);
      ctx = next;
    }
  }
}

/** Run a simulation; resolves with mean and standard error at the recorded steps. */
export async function runSimulation(spec: SimSpec, opts: RunOptions = {}): Promise<SimResult> {
  const plan = makePlan(spec);
  throwIfAborted(opts.signal);
  const choice = opts.engine ?? 'auto';
  const messages: string[] = [];
  if (choice !== 'cpu') {
    const ctx = await acquireDevice();
    if (!('error' in ctx)) return runOnGpu(plan, ctx, opts, messages);
    if (choice === 'gpu') throw new GpuError(`the GPU engine is unavailable: ${ctx.error}`, 'internal');
    messages.push(`no GPU (${ctx.error}); ran on the CPU twin`);
  }
  checkCpuSize(plan);
  const cp = initialCheckpoint(plan);
  const partial = await cpuAdvanceOrStop(plan, cp, opts);
  return finish(plan, cp, 'cpu', CPU_NAME, messages, partial, partial ? observeCheckpoint(plan, cp) : undefined);
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
