// The CPU twin engine: runs a plan from a checkpoint to step T in chunks (progress, cancel),
// processing trajectories in groups of WG exactly as the GPU's workgroups do, and reducing each
// recorded step with the same f32 tree (reduce.ts). Pure TypeScript: runs in Node, in the page
// and in a Web Worker.
import { LIMIT, type SimPlan } from '../plan';
import { addBlocks, type NodeSet, rootOf } from '../blocks';
import { type Checkpoint, type Progress, recordsIn, throwIfAborted } from '../stats';
import { CpuModel } from './model';
import { optimizerInfo } from '../optimizers';
import { type Moments, reduceGroup, reduceGroup4, RWG as WG } from './reduce';

export interface CpuRunOptions {
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
  /** Target seconds between progress reports (default 0.25; the twin does ~4e6 gradients/s). */
  chunkSeconds?: number;
}

const inRange = (x: number) => Math.abs(x) <= LIMIT; // false for NaN

/** Work per trajectory-step in units of one gradient evaluation (for chunk sizing). */
export function stepCost(p: SimPlan): number {
  const batch = p.sched.explicit ? Math.max(1, p.sched.indices.length / Math.max(1, p.T)) : p.sched.B;
  return optimizerInfo(p.optimizer).stepCost({ batch, N: p.N, substeps: p.substeps, Q: p.pop.Q });
}

const yieldToEventLoop = () => new Promise<void>((r) => setTimeout(r, 0));

/** Advance `cp` (in place) to step T. */
export async function cpuAdvance(p: SimPlan, cp: Checkpoint, opts: CpuRunOptions = {}): Promise<Checkpoint> {
  const model = new CpuModel(p);
  const { D, K, S } = p;
  const f32 = Math.fround;
  const gp = new Float64Array(D);
  const wn = new Float64Array(D);
  /** ∇φ·δ for the control variate, in the kernel's operation order (vdot of vaxpy(vsub)). */
  const pgp = new Float64Array(D);
  const cvTerm = (): number => {
    model.precond(gp, pgp);
    let s = 0;
    for (let i = 0; i < D; i++) {
      const a = p.obs.kind === 'weight' ? (i === p.obs.index ? 1 : 0) : gp[i];
      s = f32(s + f32(a * f32(f32(wn[i] - w[i]) + f32(f32(p.eta) * pgp[i]))));
    }
    return s;
  };
  const groups = Math.ceil(K / WG);
  const work = 2 ** 22 * (opts.chunkSeconds ?? 0.25);
  const w = new Float64Array(D);
  while (cp.t < p.T || cp.recNext < p.recSteps.length) {
    throwIfAborted(opts.signal);
    const t0 = cp.t;
    const steps = Math.max(1, Math.floor(work / (K * stepCost(p))));
    const t1 = Math.min(p.T, t0 + steps);
    const R = recordsIn(p, cp.recNext, t1);
    const obs = new Float64Array(R * WG);
    const ok = new Uint8Array(R * WG);
    const parts: Moments[][] = Array.from({ length: R }, () => []);
    for (let g = 0; g < groups; g++) {
      ok.fill(0);
      for (let lane = 0; lane < WG; lane++) {
        const kl = g * WG + lane; // state index; k (below) is the trajectory's counter
        if (kl >= K) break;
        const k = p.k0 + kl;
        for (let i = 0; i < D; i++) w[i] = cp.theta[kl * S + i];
        let cv = p.cv ? cp.theta[kl * S + D] : 0;
        let st = cp.status[kl];
        const spe = p.sched.spe;
        if (p.sched.shuffle && st === 0 && t0 < t1 && t0 % spe !== 0) model.makePerm(k, Math.floor(t0 / spe));
        let ri = 0;
        for (let t = t0; t <= t1; t++) {
          if (ri < R && p.recSteps[cp.recNext + ri] === t) {
            if (st === 0) {
              const v = f32(model.observe(k, w) - cv);
              if (inRange(v)) {
                obs[ri * WG + lane] = v;
                ok[ri * WG + lane] = 1;
              } else st = t + 1;
            }
            ri++;
          }
          if (t === t1) break;
          if (st === 0) {
            if (p.sched.shuffle && t % spe === 0) model.makePerm(k, t / spe);
            if (p.cv) model.popMoments(w, gp, null);
            wn.set(w);
            model.update(k, t, wn);
            if (p.cv) cv = f32(cv + cvTerm());
            w.set(wn);
            for (let i = 0; i < D; i++) if (!inRange(w[i])) st = t + 2;
          }
        }
        for (let i = 0; i < D; i++) cp.theta[kl * S + i] = w[i];
        if (p.cv) cp.theta[kl * S + D] = cv;
        cp.status[kl] = st;
      }
      const reduce = p.variance ? reduceGroup4 : reduceGroup;
      for (let r = 0; r < R; r++) parts[r].push(reduce(obs, (i) => ok[r * WG + i] === 1, r * WG, WG));
    }
    for (let r = 0; r < R; r++) addBlocks(cp.blocks[cp.recNext + r], p.k0 / WG, parts[r]);
    cp.recNext += R;
    cp.t = t1;
    opts.onProgress?.({ step: t1, T: p.T, engine: 'cpu' });
    if (cp.t >= p.T && cp.recNext >= p.recSteps.length) break;
    await yieldToEventLoop();
  }
  return cp;
}

/**
 * Statistics of the observable at the checkpoint's own step (the states in `cp`, from either
 * engine), reduced as a recorded step is: what a cancelled run reports for where it stopped.
 */
export function observeCheckpoint(p: SimPlan, cp: Checkpoint): Moments {
  const model = new CpuModel(p);
  const { D, K, S } = p;
  const w = new Float64Array(D);
  const obs = new Float64Array(WG);
  const ok = new Uint8Array(WG);
  const parts: Moments[] = [];
  for (let g = 0; g * WG < K; g++) {
    ok.fill(0);
    for (let lane = 0; lane < WG && g * WG + lane < K; lane++) {
      const kl = g * WG + lane; // state index; the trajectory's counter is p.k0 + kl
      if (cp.status[kl] !== 0) continue;
      for (let i = 0; i < D; i++) w[i] = cp.theta[kl * S + i];
      const v = Math.fround(model.observe(p.k0 + kl, w) - (p.cv ? cp.theta[kl * S + D] : 0));
      if (inRange(v)) {
        obs[lane] = v;
        ok[lane] = 1;
      }
    }
    parts.push(reduceGroup(obs, (i) => ok[i] === 1, 0, WG));
  }
  // combined along the block tree of a recorded step (blocks.ts; a whole run starts at block 0)
  const set: NodeSet = new Map();
  addBlocks(set, 0, parts);
  return rootOf(set, parts.length);
}
