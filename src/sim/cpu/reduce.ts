// Twin of shaders/reduce.wgsl: the same merge tree over one block of trajectories, in f32.
// Blocks are combined in float64 by blocks.ts.
const f32 = Math.fround;

/** (count, mean, M2) of a set of values. */
export interface Moments {
  n: number;
  mean: number;
  m2: number;
}

/** Chan's merge in f32, operation for operation as reduce_merge in WGSL. */
function mergeF32(an: number, am: number, a2: number, bn: number, bm: number, b2: number, out: Float64Array, at: number): void {
  const n = f32(an + bn);
  if (n === 0) { out[at] = 0; out[at + 1] = 0; out[at + 2] = 0; return; }
  const d = f32(bm - am);
  const w = f32(bn / n);
  out[at] = n;
  out[at + 1] = f32(am + f32(d * w));
  out[at + 2] = f32(f32(a2 + b2) + f32(f32(f32(d * d) * an) * w));
}

/** Trajectories per block partial (RWG in reduce.wgsl). */
export const RWG = 64;

const stack = new Float64Array(3 * 10);

/**
 * One block's reduction as reduce_main computes it: values x[at + i] for i < RWG where valid(i);
 * adjacent pairs merged in a balanced binary tree, in f32. Returns (count, mean, M2).
 */
export function reduceGroup(x: ArrayLike<number>, valid: (i: number) => boolean, at: number, wg = RWG): Moments {
  let top = 0;
  for (let i = 0; i < wg; i++) {
    const ok = valid(i);
    stack[3 * top] = ok ? 1 : 0;
    stack[3 * top + 1] = ok ? f32(x[at + i]) : 0;
    stack[3 * top + 2] = 0;
    top++;
    for (let c = i; (c & 1) === 1; c >>= 1) {
      const a = 3 * (top - 2), b = 3 * (top - 1);
      mergeF32(stack[a], stack[a + 1], stack[a + 2], stack[b], stack[b + 1], stack[b + 2], stack, a);
      top--;
    }
  }
  return { n: stack[0], mean: stack[1], m2: stack[2] };
}
