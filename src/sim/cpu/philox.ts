// Twin of shaders/philox.wgsl: Philox4x32-10, bit-identical to the WGSL version.
// Convention: key = seed (lo, hi); counter = (trajectory, index, draw, stream).

const M0 = 0xd2511f53;
const M1 = 0xcd9e8d57;
const W0 = 0x9e3779b9;
const W1 = 0xbb67ae85;

/** High 32 bits of the 64-bit product of two u32 (exact in float64 via a 16-bit split). */
export function mulhi(a: number, b: number): number {
  const p1 = a * (b & 0xffff); // < 2^48, exact
  const p2 = a * (b >>> 16); // < 2^48, exact
  return Math.floor((p2 + Math.floor(p1 / 65536)) / 65536) >>> 0;
}

/**
 * Philox4x32-10 of counter (c0..c3) under key (k0, k1); writes the four output words into
 * `out` (reused to avoid allocation in the inner loops of the CPU engine) and returns it.
 */
export function philox(
  c0: number,
  c1: number,
  c2: number,
  c3: number,
  k0: number,
  k1: number,
  out: Uint32Array = new Uint32Array(4),
): Uint32Array {
  c0 >>>= 0;
  c1 >>>= 0;
  c2 >>>= 0;
  c3 >>>= 0;
  k0 >>>= 0;
  k1 >>>= 0;
  for (let r = 0; r < 10; r++) {
    const hi0 = mulhi(M0, c0);
    const lo0 = Math.imul(M0, c0) >>> 0;
    const hi1 = mulhi(M1, c2);
    const lo1 = Math.imul(M1, c2) >>> 0;
    c0 = (hi1 ^ c1 ^ k0) >>> 0;
    c1 = lo1;
    c2 = (hi0 ^ c3 ^ k1) >>> 0;
    c3 = lo0;
    k0 = (k0 + W0) >>> 0;
    k1 = (k1 + W1) >>> 0;
  }
  out[0] = c0;
  out[1] = c1;
  out[2] = c2;
  out[3] = c3;
  return out;
}

/** A word -> uniform in (0, 1), exactly the f32 value philox_u01 gives on the GPU. */
export function u01(w: number): number {
  return (w >>> 9) * 1.1920928955078125e-7 + 5.9604644775390625e-8;
}

/** The key words of a seed (a non-negative safe integer). */
export function seedKey(seed: number): [number, number] {
  if (!Number.isSafeInteger(seed) || seed < 0) throw new Error(`seed must be a non-negative integer, got ${seed}`);
  return [seed % 4294967296, Math.floor(seed / 4294967296)];
}
