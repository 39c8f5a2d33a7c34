// The CPU twin's per-trajectory arithmetic: mirrors shaders/step.wgsl function for function.
// Landscape values come from generated JS (cpu/jsgen.ts; the formula tape where code generation
// is unavailable) in float64 and are rounded to f32 where the GPU stores an f32, so the twin
// tracks the GPU's trajectories closely (not bit for bit: the GPU evaluates the formula in f32
// throughout).
import { compileJS, compileJSMulti } from '../../landscape/formula/compile';
import { batchSize, pointsPerDraw, type SimPlan } from '../plan';
import { compileJSFast } from './jsgen';
import { philox } from './philox';
import { atomIndex, boxMuller, normals4, STREAM_DATA, STREAM_PERM, STREAM_SDE, uniformBelow } from './sample';

const f32 = Math.fround;

export class CpuModel {
  readonly p: SimPlan;
  private readonly vals: Float64Array;
  private readonly lossF: (v: Float64Array) => number;
  private readonly gradF: (v: Float64Array, out: Float64Array) => Float64Array;
  private readonly hessF: ((v: Float64Array, out: Float64Array) => Float64Array) | null;
  private readonly phiF: ((v: Float64Array) => number) | null;
  /** P's f32 entries, or null (the identity) */
  private readonly P: Float64Array | null;
  private readonly pg: Float64Array;
  private readonly eta: number;
  private readonly lawMean: Float64Array;
  private readonly lawStd: Float64Array;
  private readonly atomVals: Float64Array;
  private readonly popW: Float64Array;
  private readonly popX: Float64Array;
  private readonly z = new Float64Array(4);
  private readonly words = new Uint32Array(4);
  /** Training points per data draw, and the last data draw and its four normals (cache). */
  private readonly dpd: number;
  private readonly wd = new Uint32Array(4);
  private wdK = -1;
  private wdB = -1;
  private readonly zb = new Float64Array(4);
  private zbK = -1;
  private zbB = -1;
  // scratch
  private readonly g: Float64Array;
  private readonly gj: Float64Array;
  private readonly h: Float64Array;
  private readonly x: Float64Array;
  /** Per-trajectory permutation scratch (the GPU keeps K of them). */
  readonly perm: Uint32Array;

  constructor(p: SimPlan) {
    this.p = p;
    const names = [...p.weights, ...p.dataVars];
    this.vals = new Float64Array(names.length);
    const loss1 = compileJSFast([p.lossExpr], names);
    const one = new Float64Array(1);
    this.lossF = loss1 ? (v) => loss1(v, one)[0] : compileJS(p.lossExpr, names);
    this.gradF = compileJSFast(p.gradExprs, names) ?? compileJSMulti(p.gradExprs, names);
    this.hessF = p.hessExprs ? (compileJSFast(p.hessExprs, names) ?? compileJSMulti(p.hessExprs, names)) : null;
    this.phiF = p.obs.kind === 'formula' ? compileJS(p.obs.expr, names) : null;
    this.P = p.P ? p.P.map(f32) : null;
    this.pg = new Float64Array(p.D);
    this.eta = f32(p.eta);
    this.dpd = pointsPerDraw(p);
    // The GPU reads these from an f32 buffer.
    const r = (a: Float64Array) => a.map(f32);
    this.lawMean = p.law.atoms ? new Float64Array(0) : r(p.law.mean);
    this.lawStd = p.law.atoms ? new Float64Array(0) : r(p.law.std);
    this.atomVals = p.law.atoms ? r(p.law.values) : new Float64Array(0);
    this.popW = r(p.pop.w);
    this.popX = r(p.pop.x);
    this.g = new Float64Array(p.D);
    this.gj = new Float64Array(p.D);
    this.h = new Float64Array(p.D * p.D);
    this.x = new Float64Array(Math.max(1, p.M));
    this.perm = new Uint32Array(p.sched.shuffle ? p.N : 0);
  }

  /** Training point n of trajectory k into out (the layout of datum in kernel-gen.ts). */
  datum(k: number, n: number, out: Float64Array): void {
    const p = this.p;
    const dpd = this.dpd;
    if (p.law.atoms) {
      const wd = this.draw(k, Math.floor(n / 4));
      const a = atomIndex(wd[n & 3], p.law.cum);
      for (let m = 0; m < p.M; m++) out[m] = this.atomVals[a * p.M + m];
    } else if (dpd > 1) {
      if (p.M === 0) return;
      const b = Math.floor(n / dpd);
      const z = this.zb;
      if (k !== this.zbK || b !== this.zbB) {
        const wd = this.draw(k, b);
        boxMuller(wd[0], wd[1], z, 0);
        boxMuller(wd[2], wd[3], z, 2);
        this.zbK = k;
        this.zbB = b;
      }
      const at = (n % dpd) * p.M;
      for (let m = 0; m < p.M; m++) out[m] = f32(this.lawMean[m] + f32(this.lawStd[m] * z[at + m]));
    } else {
      for (let j = 0; j < p.M; j += 4) {
        const wd = philox(k, n, j / 4, STREAM_DATA, p.key[0], p.key[1], this.words);
        boxMuller(wd[0], wd[1], this.z, 0, j + 1 < p.M);
        if (j + 2 < p.M) boxMuller(wd[2], wd[3], this.z, 2, j + 3 < p.M);
        for (let i = 0; i < 4 && j + i < p.M; i++)
          out[j + i] = f32(this.lawMean[j + i] + f32(this.lawStd[j + i] * this.z[i]));
      }
    }
  }

  /** The data draw (k, b, 0, STREAM_DATA); consecutive points of a trajectory share it. */
  private draw(k: number, b: number): Uint32Array {
    if (k !== this.wdK || b !== this.wdB) {
      philox(k, b, 0, STREAM_DATA, this.p.key[0], this.p.key[1], this.wd);
      this.wdK = k;
      this.wdB = b;
    }
    return this.wd;
  }

  private popPoint(q: number, out: Float64Array): void {
    for (let m = 0; m < this.p.M; m++) out[m] = this.popX[q * this.p.M + m];
  }

  private setVals(w: Float64Array, x: Float64Array): void {
    const D = this.p.D;
    for (let i = 0; i < D; i++) this.vals[i] = w[i];
    for (let m = 0; m < this.p.M; m++) this.vals[D + m] = x[m];
  }

  /** ∇l_x(w), rounded to f32 like the GPU's loss_grad result. */
  grad(w: Float64Array, x: Float64Array, out: Float64Array): void {
    this.setVals(w, x);
    this.gradF(this.vals, out);
    for (let i = 0; i < out.length; i++) out[i] = f32(out[i]);
  }

  loss(w: Float64Array, x: Float64Array): number {
    this.setVals(w, x);
    return f32(this.lossF(this.vals));
  }

  /**
   * out = P·g in f32 (out may be g): each row summed left to right over P's non-zero entries,
   * as the kernel's precond; without P, out = g.
   */
  precond(g: Float64Array, out: Float64Array): void {
    const P = this.P;
    if (!P) {
      if (out !== g) out.set(g);
      return;
    }
    const D = this.p.D;
    const r = this.pg;
    for (let i = 0; i < D; i++) {
      let s = 0;
      let first = true;
      for (let j = 0; j < D; j++) {
        const a = P[i * D + j];
        if (a === 0) continue;
        const t = f32(a * g[j]);
        s = first ? t : f32(s + t);
        first = false;
      }
      r[i] = s;
    }
    out.set(r);
  }

  /** Epoch e's permutation of trajectory k (Fisher–Yates, as make_perm). */
  makePerm(k: number, e: number): void {
    const N = this.p.N;
    const perm = this.perm;
    for (let i = 0; i < N; i++) perm[i] = i;
    const w = this.words;
    for (let i = N - 1; i >= 1; i--) {
      const c = N - 1 - i;
      if ((c & 3) === 0) philox(k, e, c >>> 2, STREAM_PERM, this.p.key[0], this.p.key[1], w);
      const j = uniformBelow(w[c & 3], i + 1);
      const tmp = perm[i];
      perm[i] = perm[j];
      perm[j] = tmp;
    }
  }

  private batchPoint(t: number, j: number): number {
    const s = this.p.sched;
    if (s.explicit) return s.indices[s.offsets[t] + j];
    const pos = (t % s.spe) * s.B + j;
    return s.shuffle ? this.perm[pos] : pos;
  }

  private updateSgd(k: number, t: number, w: Float64Array): void {
    const { D } = this.p;
    const bs = batchSize(this.p, t);
    const g = this.g.fill(0);
    for (let j = 0; j < bs; j++) {
      this.datum(k, this.batchPoint(t, j), this.x);
      this.grad(w, this.x, this.gj);
      for (let i = 0; i < D; i++) g[i] = f32(g[i] + this.gj[i]);
    }
    const lr = f32(this.eta / bs);
    this.precond(g, g);
    for (let i = 0; i < D; i++) w[i] = f32(w[i] - f32(lr * g[i]));
  }

  private updateGd(k: number, w: Float64Array, withC: boolean): void {
    const { D, N } = this.p;
    const g = this.g.fill(0);
    for (let n = 0; n < N; n++) {
      this.datum(k, n, this.x);
      this.grad(w, this.x, this.gj);
      for (let i = 0; i < D; i++) g[i] = f32(g[i] + this.gj[i]);
    }
    for (let i = 0; i < D; i++) g[i] = f32(g[i] / N);
    const pgm = new Float64Array(D);
    this.precond(g, pgm);
    const r = Float64Array.from(w, (wi, i) => f32(wi - f32(this.eta * pgm[i])));
    if (withC && N > 1 && this.hessF) {
      const hv = new Float64Array(D);
      const dg = new Float64Array(D);
      for (let n = 0; n < N; n++) {
        this.datum(k, n, this.x);
        this.grad(w, this.x, this.gj);
        this.setVals(w, this.x);
        this.hessF(this.vals, this.h);
        for (let j = 0; j < D; j++) dg[j] = f32(this.gj[j] - g[j]);
        this.precond(dg, dg);
        for (let i = 0; i < D; i++) {
          let s = 0;
          for (let j = 0; j < D; j++) s = f32(s + f32(f32(this.h[i * D + j]) * dg[j]));
          hv[i] = f32(hv[i] + s);
        }
      }
      this.precond(hv, hv);
      const f = f32(f32(f32(this.eta * f32(this.p.beta)) * 2) / (N - 1));
      for (let i = 0; i < D; i++) r[i] = f32(r[i] - f32(f * hv[i]));
    }
    w.set(r);
  }

  /** Population gradient mean (into g) and covariance lower triangle (into c), as pop_moments. */
  popMoments(w: Float64Array, g: Float64Array, c: Float64Array | null): void {
    const { D, pop } = this.p;
    const g0 = new Float64Array(D);
    const gq = this.gj;
    this.popPoint(0, this.x);
    this.grad(w, this.x, g0);
    const s1 = new Float64Array(D);
    const s2 = new Float64Array(D * D);
    for (let q = 1; q < pop.Q; q++) {
      const wq = this.popW[q];
      this.popPoint(q, this.x);
      this.grad(w, this.x, gq);
      for (let i = 0; i < D; i++) {
        const di = f32(gq[i] - g0[i]);
        s1[i] = f32(s1[i] + f32(wq * di));
        if (c) for (let j = 0; j <= i; j++) s2[i * D + j] = f32(s2[i * D + j] + f32(f32(wq * di) * f32(gq[j] - g0[j])));
      }
    }
    for (let i = 0; i < D; i++) {
      g[i] = f32(g0[i] + s1[i]);
      if (c) for (let j = 0; j <= i; j++) c[i * D + j] = f32(s2[i * D + j] - f32(s1[i] * s1[j]));
    }
  }

  private updateSde(k: number, t: number, w: Float64Array): void {
    const { D, substeps: SUB } = this.p;
    const bs = batchSize(this.p, t);
    const h = f32(this.eta / SUB);
    const sh = f32(this.eta / f32(Math.sqrt(SUB * bs)));
    const g = new Float64Array(D);
    const c = new Float64Array(D * D);
    const l = new Float64Array(D * D);
    const xi = new Float64Array(Math.ceil(D / 4) * 4);
    for (let s = 0; s < SUB; s++) {
      this.popMoments(w, g, c);
      cholesky(c, l, D);
      for (let j = 0; j < D; j += 4) normals4(this.p.key[0], this.p.key[1], k, t * SUB + s, j / 4, STREAM_SDE, xi, j);
      const r = new Float64Array(D);
      const nz = new Float64Array(D);
      for (let i = 0; i < D; i++) {
        let n = 0;
        for (let j = 0; j <= i; j++) n = j === 0 ? f32(l[i * D] * xi[0]) : f32(n + f32(l[i * D + j] * xi[j]));
        nz[i] = n;
      }
      this.precond(g, g);
      this.precond(nz, nz);
      for (let i = 0; i < D; i++) r[i] = f32(f32(w[i] - f32(h * g[i])) + f32(sh * nz[i]));
      w.set(r);
    }
  }

  private updateOde(w: Float64Array): void {
    const { D, substeps: SUB } = this.p;
    const h = f32(this.eta / SUB);
    const k1 = new Float64Array(D),
      k2 = new Float64Array(D),
      k3 = new Float64Array(D),
      k4 = new Float64Array(D);
    const y = new Float64Array(D);
    const axpy = (a: number, v: Float64Array) => {
      for (let i = 0; i < D; i++) y[i] = f32(w[i] + f32(a * v[i]));
    };
    for (let s = 0; s < SUB; s++) {
      this.popMoments(w, k1, null);
      this.precond(k1, k1);
      axpy(f32(-0.5 * h), k1);
      this.popMoments(y, k2, null);
      this.precond(k2, k2);
      axpy(f32(-0.5 * h), k2);
      this.popMoments(y, k3, null);
      this.precond(k3, k3);
      axpy(-h, k3);
      this.popMoments(y, k4, null);
      this.precond(k4, k4);
      const h6 = f32(h / 6);
      for (let i = 0; i < D; i++)
        w[i] = f32(w[i] - f32(h6 * f32(f32(f32(k1[i] + f32(2 * k2[i])) + f32(2 * k3[i])) + k4[i])));
    }
  }

  /** One update at step t of trajectory k, in place. */
  update(k: number, t: number, w: Float64Array): void {
    const opt = this.p.optimizer;
    switch (opt) {
      case 'sgd':
        return this.updateSgd(k, t, w);
      case 'gd':
        return this.updateGd(k, w, false);
      case 'gdc':
        return this.updateGd(k, w, true);
      case 'sde':
        return this.updateSde(k, t, w);
      case 'ode':
        return this.updateOde(w);
      default: {
        const never: never = opt;
        throw new Error(`unknown optimizer ${String(never)}`);
      }
    }
  }

  observe(k: number, w: Float64Array): number {
    const p = this.p;
    if (p.obs.kind === 'weight') return w[p.obs.index];
    if (this.phiF) {
      this.setVals(w, this.x);
      return f32(this.phiF(this.vals));
    }
    let s = 0;
    if (p.obs.kind === 'test') {
      for (let q = 0; q < p.pop.Q; q++) {
        this.popPoint(q, this.x);
        s = f32(s + f32(this.popW[q] * this.loss(w, this.x)));
      }
      return s;
    }
    for (let n = 0; n < p.N; n++) {
      this.datum(k, n, this.x);
      s = f32(s + this.loss(w, this.x));
    }
    return f32(s / p.N);
  }
}

/** Lower Cholesky factor of a PSD matrix (lower triangle of c), as `cholesky` in WGSL. */
export function cholesky(c: Float64Array, l: Float64Array, D: number): void {
  l.fill(0);
  for (let j = 0; j < D; j++) {
    let s = c[j * D + j];
    for (let k = 0; k < j; k++) s = f32(s - f32(l[j * D + k] * l[j * D + k]));
    const piv = s > 0 ? f32(Math.sqrt(s)) : 0;
    l[j * D + j] = piv;
    for (let i = j + 1; i < D; i++) {
      let a = c[i * D + j];
      for (let k = 0; k < j; k++) a = f32(a - f32(l[i * D + k] * l[j * D + k]));
      l[i * D + j] = piv > 0 ? f32(a / piv) : 0;
    }
  }
}
