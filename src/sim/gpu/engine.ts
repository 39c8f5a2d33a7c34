// The WebGPU engine: runs a plan from a checkpoint to step T in chunks of updates per dispatch.
// After every chunk the partial statistics and the trajectory states are read back, so the
// checkpoint always describes the last finished chunk (device loss resumes from there).
import { addBlocks, type Moments } from '../blocks';
import { partialMoments } from '../cpu/reduce';
import { stepCost } from '../cpu/engine';
import { lawBuffer, stepKernel, tableBuffer, WG } from '../kernel';
import type { SimPlan } from '../plan';
import { type Checkpoint, type Progress, recordsIn, throwIfAborted } from '../stats';
import { bindAll, computePipeline, dataBuffer, grid } from './compute';
import { awaitWithoutSpinning } from './quietwait';
import { fmtBytes, type GpuContext, GpuError, guarded, storageBuffer } from './device';
import { shader } from '../shaders';

/** The step kernel's bindings, in order (shaders/step.wgsl): uniforms, four state buffers, three inputs. */
export const STEP_BINDINGS = [
  'uniform',
  'storage',
  'storage',
  'storage',
  'storage',
  'read-only-storage',
  'read-only-storage',
  'read-only-storage',
] as const;
/** One dispatch's fields of the step kernel's uniform `Params` (shaders/step.wgsl). */
export interface StepParams {
  key: readonly [number, number];
  K: number;
  t0: number;
  t1: number;
  recNext: number;
  R: number;
  gx: number;
  groups: number;
  eta: number;
  beta: number;
  k0: number;
}

/** `Params` as the kernel reads it: 48 bytes, the layout written once here. */
export function stepParamsBuffer(s: StepParams): ArrayBuffer {
  const pw = new ArrayBuffer(48);
  const u = new Uint32Array(pw);
  const f = new Float32Array(pw);
  u.set([s.key[0], s.key[1], s.K, s.t0, s.t1, s.recNext, s.R, s.gx, s.groups]);
  f[9] = s.eta;
  f[10] = s.beta;
  u[11] = s.k0;
  return pw;
}

export interface GpuRunOptions {
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
  /** Target seconds per dispatch (default 0.25): long enough to hide overhead, short enough for watchdogs. */
  chunkSeconds?: number;
  /** Called after each finished chunk (tests use it to destroy the device mid-run). */
  onChunkDone?: (info: { t: number; device: GPUDevice }) => void;
}

/** Floats per block partial: (count, mean, M2), and M3, M4 for a variance observable. */
const partialStride = (p: SimPlan): number => (p.variance ? 5 : 3);

/** Bytes per buffer this plan needs, checked against the device limits before allocating. */
export function gpuBufferSizes(p: SimPlan, recPerChunk: number): Record<string, number> {
  const groups = Math.ceil(p.K / WG);
  return {
    'trajectory states θ': p.K * p.S * 4,
    'trajectory status': p.K * 4,
    'recorded observables': recPerChunk * p.K * 4,
    'recorded partial sums': recPerChunk * groups * 4 * partialStride(p),
    'shuffling permutations': p.sched.shuffle ? p.K * p.N * 4 : 4,
    'read-back copy': p.K * (p.S + 1) * 4 + recPerChunk * groups * 4 * partialStride(p),
  };
}

export function checkLimits(p: SimPlan, limits: GPUSupportedLimits, recPerChunk = 1): void {
  const max = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
  for (const [what, bytes] of Object.entries(gpuBufferSizes(p, recPerChunk))) {
    if (bytes > max) {
      const perTraj = bytes / p.K;
      const kMax = Math.floor(max / perTraj);
      throw new GpuError(
        `${p.K} trajectories are too many for this GPU: the ${what} need ${fmtBytes(bytes)}, but a buffer may hold at most ${fmtBytes(max)} (at most ${kMax} trajectories here)`,
        'limits',
      );
    }
  }
  const groups = Math.ceil(p.K / WG);
  const perDim = limits.maxComputeWorkgroupsPerDimension;
  if (groups > perDim * perDim)
    throw new GpuError(`${p.K} trajectories exceed the dispatch limits of this GPU`, 'limits');
}

/** Advance `cp` (in place, chunk by chunk) to step T on the device of `ctx`. */
export async function gpuAdvance(
  p: SimPlan,
  ctx: GpuContext,
  cp: Checkpoint,
  opts: GpuRunOptions = {},
): Promise<Checkpoint> {
  const d = ctx.device;
  const groups = Math.ceil(p.K / WG);
  // Records per chunk: bounded so the observation buffer stays ≤ 128 MiB (and within limits).
  const maxBytes = Math.min(128 * 2 ** 20, d.limits.maxStorageBufferBindingSize, d.limits.maxBufferSize);
  const recMax = Math.max(1, Math.min(p.recSteps.length, Math.floor(maxBytes / (p.K * 4))));
  checkLimits(p, d.limits, recMax);
  const [gx, gy] = grid(ctx, groups);

  const pipeline = await computePipeline(ctx, `step kernel (${p.optimizer})`, stepKernel(p), 'main', STEP_BINDINGS);
  const reducer = await computePipeline(
    ctx,
    'reduction',
    shader('reduce'),
    p.variance ? 'reduce_main4' : 'reduce_main',
    ['uniform', 'read-only-storage', 'storage'],
  );
  const PS = partialStride(p);
  const bufs: GPUBuffer[] = [];
  const track = (b: GPUBuffer) => (bufs.push(b), b);
  try {
    const { params, rparams, theta, status, partials, stThetaBytes, bind, rbind, staging } = await guarded(
      ctx,
      'allocating buffers',
      () => {
        const uniform = (label: string) =>
          track(d.createBuffer({ label, size: 48, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST }));
        const params = uniform('params');
        const rparams = uniform('reduce params');
        const theta = track(dataBuffer(ctx, 'theta', cp.theta));
        const status = track(dataBuffer(ctx, 'status', cp.status));
        const obs = track(storageBuffer(ctx, 'observations', recMax * p.K * 4));
        const partials = track(storageBuffer(ctx, 'partials', recMax * groups * 4 * PS));
        const perm = track(storageBuffer(ctx, 'perm', p.sched.shuffle ? p.K * p.N * 4 : 4));
        const lawf = track(dataBuffer(ctx, 'lawf', lawBuffer(p).data));
        const tables = track(dataBuffer(ctx, 'tables', tableBuffer(p).data));
        const cum = track(dataBuffer(ctx, 'law_cum', p.law.atoms ? p.law.cum : new Uint32Array(1)));
        const bind = bindAll(ctx, pipeline, [params, theta, status, obs, perm, lawf, tables, cum]);
        const rbind = bindAll(ctx, reducer, [rparams, obs, partials]);
        const stThetaBytes = p.K * p.S * 4;
        const stBytes = stThetaBytes + p.K * 4 + recMax * groups * 4 * PS;
        const staging = track(
          d.createBuffer({
            label: 'readback',
            size: stBytes,
            usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
          }),
        );
        return { params, rparams, theta, status, partials, stThetaBytes, bind, rbind, staging };
      },
    );

    const target = opts.chunkSeconds ?? 0.25;
    // First chunk: about 2^26 trajectory-steps per second of target (what SwiftShader does on two
    // cores); later chunks scale by the measured time (up to ×4 per chunk on fast GPUs).
    let steps = Math.max(1, Math.floor((2 ** 26 * target) / (p.K * stepCost(p))));
    while (cp.t < p.T || cp.recNext < p.recSteps.length) {
      throwIfAborted(opts.signal);
      const t0 = cp.t;
      let t1 = Math.min(p.T, t0 + steps);
      let R = recordsIn(p, cp.recNext, t1);
      if (R > recMax) {
        R = recMax;
        t1 = p.recSteps[cp.recNext + R - 1];
      }
      const started = performance.now();
      const pw = stepParamsBuffer({
        key: p.key,
        K: p.K,
        t0,
        t1,
        recNext: cp.recNext,
        R,
        gx,
        groups,
        eta: p.eta,
        beta: p.beta,
        k0: p.k0,
      });
      await guarded(ctx, `steps ${t0}..${t1}`, async () => {
        d.queue.writeBuffer(params, 0, pw);
        const enc = d.createCommandEncoder();
        const pass = enc.beginComputePass();
        pass.setPipeline(pipeline);
        pass.setBindGroup(0, bind);
        pass.dispatchWorkgroups(gx, gy);
        if (R > 0) {
          const [rx, ry] = grid(ctx, Math.ceil((R * groups) / 64));
          d.queue.writeBuffer(rparams, 0, new Uint32Array([p.K, R, groups, rx]));
          pass.setPipeline(reducer);
          pass.setBindGroup(0, rbind);
          pass.dispatchWorkgroups(rx, ry);
        }
        pass.end();
        enc.copyBufferToBuffer(theta, 0, staging, 0, stThetaBytes);
        enc.copyBufferToBuffer(status, 0, staging, stThetaBytes, p.K * 4);
        if (R > 0) enc.copyBufferToBuffer(partials, 0, staging, stThetaBytes + p.K * 4, R * groups * 4 * PS);
        d.queue.submit([enc.finish()]);
        // Where polling would take a core from a software GPU, wait without spinning.
        const mapped = staging.mapAsync(GPUMapMode.READ);
        await (ctx.busyWaitCostsGpu ? awaitWithoutSpinning(mapped) : mapped);
      });
      const raw = staging.getMappedRange();
      cp.theta.set(new Float32Array(raw, 0, p.K * p.S));
      cp.status.set(new Uint32Array(raw, stThetaBytes, p.K));
      const part = new Float32Array(raw, stThetaBytes + p.K * 4, R * groups * PS);
      for (let r = 0; r < R; r++) {
        const list: Moments[] = new Array(groups);
        for (let g = 0; g < groups; g++) {
          const at = PS * (r * groups + g);
          // (count, mean, s.d.) from reduce_main; raw (count, mean, M2, M3, M4) from reduce_main4
          list[g] =
            PS === 5
              ? { n: part[at], mean: part[at + 1], m2: part[at + 2], m3: part[at + 3], m4: part[at + 4] }
              : partialMoments(part[at], part[at + 1], part[at + 2]);
        }
        addBlocks(cp.blocks[cp.recNext + r], p.k0 / WG, list);
      }
      staging.unmap();
      cp.recNext += R;
      cp.t = t1;
      opts.onProgress?.({ step: t1, T: p.T, engine: 'gpu' });
      opts.onChunkDone?.({ t: t1, device: d });
      const secs = (performance.now() - started) / 1000;
      const scale = Math.min(4, Math.max(0.25, target / Math.max(secs, 1e-3)));
      steps = Math.max(1, Math.floor((t1 - t0 || steps) * scale));
    }
    return cp;
  } finally {
    for (const b of bufs) b.destroy();
  }
}
