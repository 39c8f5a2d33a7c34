// shaders/reduce.wgsl vs its twin, and the accuracy the tree buys over raw f32 sums.
import { describe, expect, it } from 'vitest';
import { philox } from './cpu/philox';
import { normals4 } from './cpu/sample';
import { type Moments, partialMoments, reduceGroup, reduceGroup4, RWG } from './cpu/reduce';
import { addBlocks, rootOf } from './blocks';
import { type GpuContext, readBack } from './gpu/device';
import { bindAll, computePipeline, dataBuffer, dispatch, grid } from './gpu/compute';
import { shader } from './shaders';
import { useGpuDevice } from './testing/gpuFixture';

const WG = RWG;
/** Values mean + spread·N(0,1) (f32), with ~1% marked invalid. */
function sample(k: number, mean: number, spread: number) {
  const x = new Float32Array(k);
  const ok = new Uint32Array(k);
  const z = new Float64Array(4);
  const w = new Uint32Array(4);
  for (let i = 0; i < k; i++) {
    if (i % 4 === 0) normals4(5, 0, i, 0, 0, 0, z);
    x[i] = mean + spread * z[i % 4];
    ok[i] = philox(i, 1, 0, 0, 5, 0, w)[0] % 100 === 0 ? 0 : 1;
  }
  return { x, ok };
}

function exact(x: Float32Array, ok: Uint32Array): Moments {
  let n = 0,
    s = 0;
  for (let i = 0; i < x.length; i++)
    if (ok[i]) {
      n++;
      s += x[i];
    }
  const mean = s / n;
  let m2 = 0;
  for (let i = 0; i < x.length; i++) if (ok[i]) m2 += (x[i] - mean) ** 2;
  return { n, mean, m2 };
}

function mergeAll(parts: Moments[]): Moments {
  const set = new Map<number, Moments>();
  addBlocks(set, 0, parts);
  return rootOf(set, parts.length);
}

function twin(x: Float32Array, ok: Uint32Array): Moments[] {
  const parts: Moments[] = [];
  for (let g = 0; g * WG < x.length; g++) {
    parts.push(reduceGroup(x, (i) => g * WG + i < x.length && ok[g * WG + i] !== 0, g * WG, WG));
  }
  return parts;
}

describe('block reduction (reduce.wgsl)', () => {
  let ctx!: GpuContext;
  useGpuDevice((c) => (ctx = c));

  it.each([
    [1, 1, 1e-5],
    [10, 1e-3, 2e-2], // mean/spread = 1e4: raw f32 sums of x and x^2 would lose the variance entirely
    [1e25, 1e25, 1e-5], // M2 ~ 1e55 is beyond f32: the partials carry the s.d. instead
  ])('GPU == twin and close to float64 (mean %d, spread %d)', async (mean, spread, tol) => {
    const k = 100_003; // not a multiple of the workgroup size
    const { x, ok } = sample(k, mean, spread);
    const groups = Math.ceil(k / WG);
    // Out-of-range trajectories are marked by a non-finite bit pattern, as the step kernel does.
    const bits = new Uint32Array(x.buffer.slice(0));
    for (let i = 0; i < k; i++) if (!ok[i]) bits[i] = i % 2 ? 0x7fc00000 : 0x7f800000;
    const pipe = await computePipeline(ctx, 'reduce', shader('reduce'), 'reduce_main');
    const [gx, gy] = grid(ctx, Math.ceil(groups / 64));
    const bu = dataBuffer(ctx, 'rp', new Uint32Array([k, 1, groups, gx]), 'uniform');
    const bx = dataBuffer(ctx, 'obs', bits),
      bp = dataBuffer(ctx, 'parts', new Float32Array(3 * groups));
    dispatch(ctx, pipe, bindAll(ctx, pipe, [bu, bx, bp]), [gx, gy]);
    const g = new Float32Array(await readBack(ctx, bp, 12 * groups));
    [bu, bx, bp].forEach((b) => b.destroy());
    const t = twin(x, ok);
    const gp: Moments[] = [];
    for (let i = 0; i < groups; i++) {
      gp.push(partialMoments(g[3 * i], g[3 * i + 1], g[3 * i + 2]));
      expect(g[3 * i]).toBe(t[i].n);
      expect(Math.abs(g[3 * i + 1] - t[i].mean)).toBeLessThanOrEqual(4e-7 * Math.abs(t[i].mean) + 1e-30);
      expect(Math.abs(gp[i].m2 - t[i].m2)).toBeLessThanOrEqual(1e-5 * t[i].m2 + 1e-30);
    }
    const ref = exact(x, ok);
    for (const m of [mergeAll(gp), mergeAll(t)]) {
      expect(Number.isFinite(m.m2)).toBe(true);
      expect(m.n).toBe(ref.n);
      expect(Math.abs(m.mean - ref.mean)).toBeLessThan(1e-6 * Math.abs(ref.mean));
      expect(Math.abs(m.m2 / ref.m2 - 1)).toBeLessThan(tol);
    }
  });

  it('the five-moment reduction (variance observables): GPU == twin, and the merged M2, M3, M4 close to float64', async () => {
    const k = 20_011;
    // skewed values (exponential-like) so M3 is far from 0
    const { x: z, ok } = sample(k, 0, 1);
    const x = Float32Array.from(z, (v) => Math.exp(0.5 * v));
    const groups = Math.ceil(k / WG);
    const bits = new Uint32Array(x.buffer.slice(0));
    for (let i = 0; i < k; i++) if (!ok[i]) bits[i] = 0x7fc00000;
    const pipe = await computePipeline(ctx, 'reduce4', shader('reduce'), 'reduce_main4');
    const [gx, gy] = grid(ctx, Math.ceil(groups / 64));
    const bu = dataBuffer(ctx, 'rp', new Uint32Array([k, 1, groups, gx]), 'uniform');
    const bx = dataBuffer(ctx, 'obs', bits),
      bp = dataBuffer(ctx, 'parts', new Float32Array(5 * groups));
    dispatch(ctx, pipe, bindAll(ctx, pipe, [bu, bx, bp]), [gx, gy]);
    const g = new Float32Array(await readBack(ctx, bp, 20 * groups));
    [bu, bx, bp].forEach((b) => b.destroy());
    const gp: Moments[] = [];
    const tp: Moments[] = [];
    for (let i = 0; i < groups; i++) {
      const t = reduceGroup4(x, (j) => i * WG + j < k && ok[i * WG + j] !== 0, i * WG, WG);
      tp.push(t);
      gp.push({ n: g[5 * i], mean: g[5 * i + 1], m2: g[5 * i + 2], m3: g[5 * i + 3], m4: g[5 * i + 4] });
      expect(g[5 * i]).toBe(t.n);
      for (const [j, key] of [
        [1, 'mean'],
        [2, 'm2'],
        [3, 'm3'],
        [4, 'm4'],
      ] as const) {
        expect(Math.abs(g[5 * i + j] - t[key]!)).toBeLessThanOrEqual(1e-5 * Math.abs(t[key]!) + 1e-6 * Math.abs(t.m2));
      }
    }
    // float64 two-pass central moments
    let n = 0,
      s = 0;
    for (let i = 0; i < k; i++) {
      if (!ok[i]) continue;
      n++;
      s += x[i];
    }
    const mean = s / n;
    const c = [0, 0, 0, 0, 0];
    for (let i = 0; i < k; i++) if (ok[i]) for (let p = 2; p <= 4; p++) c[p] += (x[i] - mean) ** p;
    for (const m of [mergeAll(gp), mergeAll(tp)]) {
      expect(m.n).toBe(n);
      expect(Math.abs(m.m2 / c[2] - 1)).toBeLessThan(1e-5);
      expect(Math.abs(m.m3! / c[3] - 1)).toBeLessThan(1e-4);
      expect(Math.abs(m.m4! / c[4] - 1)).toBeLessThan(1e-4);
    }
  });
});
