// Twin of shaders/reduce.wgsl: the same merge tree over one block of trajectories, in f32.
// Blocks are combined in float64 by blocks.ts.
const f32 = Math.fround;

/** (count, mean, M2) of a set of values; variance observables add M3 and M4. */
export interface Moments {
  n: number;
  mean: number;
  m2: number;
  m3?: number;
  m4?: number;
}

/**
 * Chan's merge in f32, operation for operation as reduce_merge in WGSL, on (count, mean, s.d.)
 * with s.d. = sqrt(M2 / count): the s.d. of values below the 1e30 range limit fits in f32 where
 * M2 would overflow.
 */
function mergeF32(
  an: number,
  am: number,
  asd: number,
  bn: number,
  bm: number,
  bsd: number,
  out: Float64Array,
  at: number,
): void {
  const n = f32(an + bn);
  if (n === 0) {
    out[at] = 0;
    out[at + 1] = 0;
    out[at + 2] = 0;
    return;
  }
  const d = f32(bm - am);
  const wb = f32(bn / n);
  const wa = f32(an / n);
  const mean = f32(am + f32(d * wb));
  const e = f32(Math.abs(d) * f32(Math.sqrt(f32(wa * wb))));
  const s = Math.max(asd, bsd, e);
  out[at] = n;
  out[at + 1] = mean;
  if (s === 0) {
    out[at + 2] = 0;
    return;
  }
  const ra = f32(asd / s),
    rb = f32(bsd / s),
    re = f32(e / s);
  const sum = f32(f32(f32(f32(wa * ra) * ra) + f32(f32(wb * rb) * rb)) + f32(re * re));
  out[at + 2] = f32(s * f32(Math.sqrt(sum)));
}

/** A block partial (count, mean, s.d.) as float64 moments (count, mean, M2). */
export function partialMoments(n: number, mean: number, sd: number): Moments {
  return { n, mean, m2: n * sd * sd };
}

/** Trajectories per block partial (RWG in reduce.wgsl). */
export const RWG = 64;

const stack = new Float64Array(3 * 10);

/**
 * One block's reduction as reduce_main computes it: values x[at + i] for i < RWG where valid(i);
 * adjacent pairs merged in a balanced binary tree, in f32. Returns (count, mean, M2) in float64.
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
      const a = 3 * (top - 2),
        b = 3 * (top - 1);
      mergeF32(stack[a], stack[a + 1], stack[a + 2], stack[b], stack[b + 1], stack[b + 2], stack, a);
      top--;
    }
  }
  return partialMoments(stack[0], stack[1], stack[2]);
}

/** Pébay's pairwise update of (n, mean, M2, M3, M4) in f32, as reduce_merge4 in WGSL. */
function merge4F32(s: Float64Array, a: number, b: number): void {
  const na = s[a],
    nb = s[b];
  const n = f32(na + nb);
  if (n === 0) {
    s.fill(0, a, a + 5);
    return;
  }
  const am = s[a + 1],
    a2 = s[a + 2],
    a3 = s[a + 3],
    a4 = s[a + 4];
  const bm = s[b + 1],
    b2 = s[b + 2],
    b3 = s[b + 3],
    b4 = s[b + 4];
  const d = f32(bm - am);
  const w = f32(nb / n);
  const f = f32(na * w);
  const d2 = f32(d * d);
  const u = f32(f32(na - nb) / n);
  const v = f32(f32(f32(f32(na * na) - f32(na * nb)) + f32(nb * nb)) / f32(n * n));
  s[a] = n;
  s[a + 1] = f32(am + f32(d * w));
  s[a + 2] = f32(f32(a2 + b2) + f32(d2 * f));
  s[a + 3] = f32(
    f32(f32(a3 + b3) + f32(f32(f32(d2 * d) * f) * u)) + f32(f32(f32(3 * d) * f32(f32(na * b2) - f32(nb * a2))) / n),
  );
  s[a + 4] = f32(
    f32(
      f32(f32(a4 + b4) + f32(f32(f32(d2 * d2) * f) * v)) +
        f32(f32(f32(6 * d2) * f32(f32(f32(na * na) * b2) + f32(f32(nb * nb) * a2))) / f32(n * n)),
    ) + f32(f32(f32(4 * d) * f32(f32(na * b3) - f32(nb * a3))) / n),
  );
}

const stack4 = new Float64Array(5 * 10);

/** One block's (n, mean, M2, M3, M4) as reduce_main4 computes it (variance observables). */
export function reduceGroup4(x: ArrayLike<number>, valid: (i: number) => boolean, at: number, wg = RWG): Moments {
  let top = 0;
  for (let i = 0; i < wg; i++) {
    const ok = valid(i);
    stack4.fill(0, 5 * top, 5 * top + 5);
    stack4[5 * top] = ok ? 1 : 0;
    stack4[5 * top + 1] = ok ? f32(x[at + i]) : 0;
    top++;
    for (let c = i; (c & 1) === 1; c >>= 1) {
      merge4F32(stack4, 5 * (top - 2), 5 * (top - 1));
      top--;
    }
  }
  return { n: stack4[0], mean: stack4[1], m2: stack4[2], m3: stack4[3], m4: stack4[4] };
}
