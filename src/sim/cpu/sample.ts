// Twin of shaders/sample.wgsl: Box-Muller normals, inverse-CDF atoms, uniform integers.
import { mulhi, philox, u01 } from './philox';

export const STREAM_DATA = 0;
export const STREAM_PERM = 1;
export const STREAM_SDE = 2;

const f32 = Math.fround;
const TWO_PI_F32 = f32(6.283185307179586);

/**
 * Box-Muller as on the GPU (angle in [-pi, pi)); f32 rounding at each GPU-visible step.
 * With `both` false only the first (cosine) normal is written.
 */
export function boxMuller(w0: number, w1: number, out: Float64Array, at: number, both = true): void {
  const r = f32(Math.sqrt(f32(-2 * f32(Math.log(u01(w0))))));
  const a = f32(TWO_PI_F32 * f32(u01(w1) - 0.5));
  out[at] = f32(r * f32(Math.cos(a)));
  if (both) out[at + 1] = f32(r * f32(Math.sin(a)));
}

const words = new Uint32Array(4);

/** Normals 4*draw .. 4*draw+3 of (traj, idx, stream) into out[at..at+3]. */
export function normals4(
  k0: number,
  k1: number,
  traj: number,
  idx: number,
  draw: number,
  stream: number,
  out: Float64Array,
  at = 0,
): void {
  philox(traj, idx, draw, stream, k0, k1, words);
  boxMuller(words[0], words[1], out, at);
  boxMuller(words[2], words[3], out, at + 2);
}

/**
 * Integer thresholds of a discrete law for inverse-CDF sampling: cum[i] = round(2^32·P(≤ i)),
 * one entry per atom (the last one is never read). Computed in float64 once, shared by both
 * engines, so the atom drawn from a word is the same on CPU and GPU.
 */
export function atomThresholds(p: readonly number[]): Uint32Array {
  const cum = new Uint32Array(p.length);
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    s += p[i];
    cum[i] = i === p.length - 1 ? 0xffffffff : Math.min(0xffffffff, Math.round(s * 4294967296));
  }
  return cum;
}

/** Inverse CDF: first atom with w < cum[i], else the last. */
export function atomIndex(w: number, cum: Uint32Array): number {
  const n = cum.length;
  for (let i = 0; i + 1 < n; i++) if (w < cum[i]) return i;
  return n - 1;
}

/** Uniform integer in [0, m) by the multiply-high method. */
export function uniformBelow(w: number, m: number): number {
  return mulhi(w >>> 0, m >>> 0);
}
