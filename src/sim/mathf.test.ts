// shaders/mathf.wgsl against float64 Math.* (its twin): relative error in f32 ulps.
import { describe, expect, it } from 'vitest';
import { type GpuContext, readBack } from './gpu/device';
import { bindAll, computePipeline, dataBuffer, dispatch } from './gpu/compute';
import { shader } from './shaders';
import { useGpuDevice } from './testing/gpuFixture';

const FNS = ['sin', 'cos', 'exp', 'log', 'tanh', 'sqrt'] as const;
const REF: Record<(typeof FNS)[number], (x: number) => number> = {
  sin: Math.sin,
  cos: Math.cos,
  exp: Math.exp,
  log: Math.log,
  tanh: Math.tanh,
  sqrt: Math.sqrt,
};
// Inputs per function: a wide sweep of the range where the loss formulas live.
function inputs(fn: (typeof FNS)[number], n: number): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const t = (i + 0.5) / n;
    a[i] =
      fn === 'log' || fn === 'sqrt'
        ? Math.exp(-40 + 80 * t)
        : fn === 'exp'
          ? -80 + 160 * t
          : fn === 'tanh'
            ? -12 + 24 * t
            : -100 + 200 * t;
  }
  return a;
}

describe('mathf.wgsl accuracy (Dawn)', () => {
  let ctx!: GpuContext;
  useGpuDevice((c) => (ctx = c));

  it.each(FNS)('%s is within 3 ulp of the float64 value', async (fn) => {
    const n = 1 << 14;
    const x = inputs(fn, n);
    const code = `${shader('mathf')}
@group(0) @binding(0) var<storage, read_write> v: array<f32>;
@compute @workgroup_size(64) fn main(@builtin(global_invocation_id) g: vec3<u32>) { v[g.x] = ${fn}(v[g.x]); }`;
    const pipe = await computePipeline(ctx, fn, code);
    const buf = dataBuffer(ctx, 'v', x);
    dispatch(ctx, pipe, bindAll(ctx, pipe, [buf]), [n / 64, 1]);
    const y = new Float32Array(await readBack(ctx, buf, 4 * n));
    buf.destroy();
    let worst = 0;
    for (let i = 0; i < n; i++) {
      const ref = REF[fn](x[i]);
      // ulp of the reference in f32; absolute floor near zeros of sin/cos (|err| <= 3 ulp of 1 there
      // is what argument reduction of an f32 input allows).
      const ulp = Math.max(Math.abs(ref), fn === 'sin' || fn === 'cos' ? 1e-3 : 1e-30) * 2 ** -23;
      worst = Math.max(worst, Math.abs(y[i] - ref) / ulp);
    }
    expect(worst).toBeLessThan(3);
  });
});

describe('mathf_log_unit (Dawn)', () => {
  let ctx!: GpuContext;
  useGpuDevice((c) => (ctx = c));

  it('equals log bit for bit on uniforms from 2^-24 to 1', async () => {
    // Every binade of philox_u01's range, densely, plus its extreme values.
    const n = 1 << 14;
    const x = new Float32Array(n);
    for (let i = 0; i < n - 2; i++) x[i] = 2 ** (-24 + (24 * i) / (n - 2));
    x[n - 2] = 2 ** -24;
    x[n - 1] = 1 - 2 ** -24;
    const code = `${shader('mathf')}
@group(0) @binding(0) var<storage, read_write> v: array<u32>;
@compute @workgroup_size(64) fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let x = bitcast<f32>(v[g.x]);
  v[g.x] = select(0u, 1u, bitcast<u32>(log(x)) == bitcast<u32>(mathf_log_unit(x)));
}`;
    const pipe = await computePipeline(ctx, 'log_unit', code);
    const buf = dataBuffer(ctx, 'v', new Uint32Array(x.buffer));
    dispatch(ctx, pipe, bindAll(ctx, pipe, [buf]), [n / 64, 1]);
    const same = new Uint32Array(await readBack(ctx, buf, 4 * n));
    buf.destroy();
    expect(same.reduce((a, b) => a + b, 0)).toBe(n);
  });
});
