// Philox known answers, GPU == CPU twin on the integer stream, normal/atom samplers.
import { describe, expect, it } from 'vitest';
import { philox, seedKey, u01 } from './cpu/philox';
import { atomIndex, atomThresholds, normals4, STREAM_DATA, uniformBelow } from './cpu/sample';
import { type GpuContext, readBack } from './gpu/device';
import { bindAll, computePipeline, dataBuffer, dispatch } from './gpu/compute';
import { shader } from './shaders';
import { useGpuDevice } from './testing/gpuFixture';

const hex = (a: Uint32Array) => Array.from(a, (w) => '0x' + w.toString(16).padStart(8, '0'));

describe('Philox4x32-10 twin (Random123 known-answer vectors)', () => {
  it('key (0,0), counter 0', () => {
    expect(hex(philox(0, 0, 0, 0, 0, 0))).toEqual(['0x6627e8d5', '0xe169c58d', '0xbc57ac4c', '0x9b00dbd8']);
  });
  it('all ones', () => {
    const f = 0xffffffff;
    expect(hex(philox(f, f, f, f, f, f))).toEqual(['0x408f276d', '0x41c83b0e', '0xa20bc7c6', '0x6d5451fd']);
  });
  it('pi digits', () => {
    expect(hex(philox(0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0))).toEqual([
      '0xd16cfe09',
      '0x94fdcceb',
      '0x5001e420',
      '0x24126ea1',
    ]);
  });
  it('u01 is in the open unit interval and exact in f32', () => {
    for (const w of [0, 1, 255, 256, 0x7fffffff, 0xffffffff]) {
      const u = u01(w);
      expect(u).toBeGreaterThan(0);
      expect(u).toBeLessThan(1);
      expect(Math.fround(u)).toBe(u);
    }
  });
  it('seedKey splits a 53-bit seed into words', () => {
    expect(seedKey(5)).toEqual([5, 0]);
    expect(seedKey(2 ** 32 + 7)).toEqual([7, 1]);
    expect(() => seedKey(-1)).toThrow(/seed/);
  });
});

describe('CPU samplers', () => {
  it('normals have mean 0, variance 1, skewness 0, kurtosis 3 (2^18 draws)', () => {
    const out = new Float64Array(4);
    let s1 = 0,
      s2 = 0,
      s3 = 0,
      s4 = 0;
    const n = 1 << 18;
    for (let i = 0; i < n / 4; i++) {
      normals4(123, 0, i, 0, 0, STREAM_DATA, out);
      for (const z of out) {
        s1 += z;
        s2 += z * z;
        s3 += z ** 3;
        s4 += z ** 4;
      }
    }
    const m1 = s1 / n,
      m2 = s2 / n,
      m3 = s3 / n,
      m4 = s4 / n;
    // standard errors: 1/sqrt(n), sqrt(2/n), sqrt(15/n), sqrt(96/n); allow 4 s.e.
    expect(Math.abs(m1)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(m2 - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
    expect(Math.abs(m3)).toBeLessThan(4 * Math.sqrt(15 / n));
    expect(Math.abs(m4 - 3)).toBeLessThan(4 * Math.sqrt(96 / n));
  });
  it('atoms by inverse CDF match their probabilities', () => {
    const p = [0.2, 0.5, 0.3];
    const cum = atomThresholds(p);
    const counts = [0, 0, 0];
    const w = new Uint32Array(4);
    const n = 1 << 16;
    for (let i = 0; i < n; i++) counts[atomIndex(philox(i, 0, 0, 0, 9, 0, w)[0], cum)]++;
    p.forEach((pi, i) => expect(Math.abs(counts[i] / n - pi)).toBeLessThan(4 * Math.sqrt((pi * (1 - pi)) / n)));
    expect(atomIndex(0, cum)).toBe(0);
    expect(atomIndex(0xffffffff, cum)).toBe(2);
    expect(atomIndex(123, atomThresholds([1]))).toBe(0);
  });
  it('uniformBelow stays in range', () => {
    for (const w of [0, 1, 0x80000000, 0xffffffff])
      for (const m of [1, 2, 7, 1000]) {
        const r = uniformBelow(w, m);
        expect(r).toBeGreaterThanOrEqual(0);
        expect(r).toBeLessThan(m);
      }
    expect(uniformBelow(0xffffffff, 1000)).toBe(999);
  });
});

// GPU parity: the same counters through shaders/philox.wgsl and sample.wgsl.
const PARITY_KERNEL = (n: number) => `
@group(0) @binding(0) var<storage, read_write> words: array<u32>;
@group(0) @binding(1) var<storage, read_write> normals: array<f32>;
@group(0) @binding(2) var<storage, read_write> atoms: array<u32>;
@group(0) @binding(3) var<storage, read> law_cum: array<u32>;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  if (i >= ${n}u) { return; }
  let key = vec2<u32>(0x9e3779b9u, 17u);
  let w = philox4x32_10(vec4<u32>(i, i * 7u, i >> 3u, 2u), key);
  words[4u * i] = w.x; words[4u * i + 1u] = w.y; words[4u * i + 2u] = w.z; words[4u * i + 3u] = w.w;
  let z = normals4(key, i, 3u, 1u, STREAM_DATA);
  normals[4u * i] = z.x; normals[4u * i + 1u] = z.y; normals[4u * i + 2u] = z.z; normals[4u * i + 3u] = z.w;
  atoms[i] = atom_index(w.x) + 16u * uniform_below(w.y, 1000u);
}`;

describe('GPU == CPU twin (Dawn)', () => {
  let ctx!: GpuContext;
  useGpuDevice((c) => (ctx = c));

  it('integer stream, normals and atoms agree with the twin', async () => {
    const n = 4096;
    const cum = atomThresholds([0.1, 0.25, 0.4, 0.25]);
    const code = shader('mathf') + shader('philox') + shader('sample') + PARITY_KERNEL(n);
    const pipe = await computePipeline(ctx, 'rng parity', code);
    const words = dataBuffer(ctx, 'words', new Uint32Array(4 * n));
    const normals = dataBuffer(ctx, 'normals', new Float32Array(4 * n));
    const atoms = dataBuffer(ctx, 'atoms', new Uint32Array(n));
    const lawCum = dataBuffer(ctx, 'law_cum', cum);
    dispatch(ctx, pipe, bindAll(ctx, pipe, [words, normals, atoms, lawCum]), [n / 64, 1]);
    const gw = new Uint32Array(await readBack(ctx, words, 16 * n));
    const gz = new Float32Array(await readBack(ctx, normals, 16 * n));
    const ga = new Uint32Array(await readBack(ctx, atoms, 4 * n));
    const w = new Uint32Array(4);
    const z = new Float64Array(4);
    let maxErr = 0;
    for (let i = 0; i < n; i++) {
      philox(i, i * 7, i >>> 3, 2, 0x9e3779b9, 17, w);
      for (let j = 0; j < 4; j++)
        if (gw[4 * i + j] !== w[j]) throw new Error(`word mismatch at ${i},${j}: ${gw[4 * i + j]} vs ${w[j]}`);
      normals4(0x9e3779b9, 17, i, 3, 1, STREAM_DATA, z);
      for (let j = 0; j < 4; j++) maxErr = Math.max(maxErr, Math.abs(gz[4 * i + j] - z[j]) / (1 + Math.abs(z[j])));
      expect(ga[i]).toBe(atomIndex(w[0], cum) + 16 * uniformBelow(w[1], 1000));
    }
    // Normals go through f32 log/sqrt/cos/sin (mathf.wgsl vs float64 Math): a few ulps apart.
    expect(maxErr).toBeLessThan(1e-6);
    for (const b of [words, normals, atoms, lawCum]) b.destroy();
  });

  it('the multiply-high of both Philox multipliers is exact (64-bit products, edge words)', async () => {
    // Words whose 16-bit halves sit at the carries' edges (0, 0x7fff/0x8000, 0xffff and their
    // neighbours: hi16 reads the masked word as a possibly negative i32), then pseudo-random words.
    const halves = [0, 1, 0x7fff, 0x8000, 0x8001, 0xfffe, 0xffff];
    const b: number[] = [];
    for (const h of halves) for (const l of halves) b.push(((h << 16) | l) >>> 0);
    let x = 0x12345678;
    while (b.length < 1 << 16) b.push((x = (Math.imul(x, 1664525) + 1013904223) >>> 0));
    const n = b.length;
    const code = `${shader('philox')}
@group(0) @binding(0) var<storage, read_write> v: array<u32>;
@compute @workgroup_size(64) fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let b = v[4u * g.x];
  let p0 = philox_mulhilo_k(0xD251u, 0x1F53u, b);
  let p1 = philox_mulhilo_k(0xCD9Eu, 0x8D57u, b);
  v[4u * g.x] = p0.x; v[4u * g.x + 1u] = p0.y; v[4u * g.x + 2u] = p1.x; v[4u * g.x + 3u] = p1.y;
}`;
    const pipe = await computePipeline(ctx, 'mulhilo', code);
    const init = new Uint32Array(4 * n);
    b.forEach((w, i) => (init[4 * i] = w));
    const buf = dataBuffer(ctx, 'v', init);
    dispatch(ctx, pipe, bindAll(ctx, pipe, [buf]), [n / 64, 1]);
    const out = new Uint32Array(await readBack(ctx, buf, 16 * n));
    buf.destroy();
    let bad = 0;
    for (let i = 0; i < n; i++) {
      for (const [j, m] of [
        [0, 0xd2511f53n],
        [2, 0xcd9e8d57n],
      ] as const) {
        const prod = m * BigInt(b[i]);
        if (BigInt(out[4 * i + j]) !== prod >> 32n || BigInt(out[4 * i + j + 1]) !== (prod & 0xffffffffn)) bad++;
      }
    }
    expect(bad).toBe(0);
  });
});
