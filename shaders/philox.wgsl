// Philox4x32-10 (Salmon et al., SC'11; Random123), counter-based: every random word is a pure
// function of (key, counter), so any trajectory/datapoint/draw can be regenerated on demand.
// Convention of this project: key = seed (lo, hi); counter = (trajectory, index, draw, stream).
// Twin: src/sim/cpu/philox.ts (bit-identical).

// Software GPUs (SwiftShader's JIT) run u32 shifts and f32<->u32 conversions lane by lane,
// several times slower than +, *, &, i32->f32 and bitcast, and the 16-bit split below needs four
// right shifts by 16 per product. hi16 does that shift with cheap operations only: the masked
// word is exact as an f32 (16 significant bits), scaling by 2^-16 is exact, and adding 1.5·2^23
// puts the integer (mod 2^16 even when the i32 was negative) in the low mantissa bits.
fn philox_hi16(x: u32) -> u32 {
  return bitcast<u32>(f32(bitcast<i32>(x & 0xffff0000u)) * 1.52587890625e-5 + 12582912.0) & 0xffffu;
}

// 32x32 -> 64-bit product as (hi, lo); WGSL has no u64, so split into 16-bit halves
// (Hacker's Delight mulhu: no intermediate sum exceeds 32 bits).
fn philox_mulhilo(a: u32, b: u32) -> vec2<u32> {
  let aL = a & 0xffffu;
  let aH = philox_hi16(a);
  let bL = b & 0xffffu;
  let bH = philox_hi16(b);
  let t = aH * bL + philox_hi16(aL * bL);
  let m = (t & 0xffffu) + aL * bH;
  return vec2<u32>(aH * bH + philox_hi16(t) + philox_hi16(m), a * b);
}

// philox_mulhilo(a, b) for a constant a = aH·2^16 + aL (its halves precomputed).
fn philox_mulhilo_k(aH: u32, aL: u32, b: u32) -> vec2<u32> {
  let bL = b & 0xffffu;
  let bH = philox_hi16(b);
  let t = aH * bL + philox_hi16(aL * bL);
  let m = (t & 0xffffu) + aL * bH;
  return vec2<u32>(aH * bH + philox_hi16(t) + philox_hi16(m), (aH * 65536u + aL) * b);
}

fn philox_round(c: vec4<u32>, k: vec2<u32>) -> vec4<u32> {
  let p0 = philox_mulhilo_k(0xD251u, 0x1F53u, c.x); // 0xD2511F53
  let p1 = philox_mulhilo_k(0xCD9Eu, 0x8D57u, c.z); // 0xCD9E8D57
  return vec4<u32>(p1.x ^ c.y ^ k.x, p1.y, p0.x ^ c.w ^ k.y, p0.y);
}

// Ten rounds, unrolled (software rasterisers such as SwiftShader do not unroll loops); the key
// is bumped by the Weyl constants (0x9E3779B9, 0xBB67AE85) before each round after the first.
fn philox4x32_10(counter: vec4<u32>, key: vec2<u32>) -> vec4<u32> {
  const w = vec2<u32>(0x9E3779B9u, 0xBB67AE85u);
  var c = philox_round(counter, key);
  c = philox_round(c, key + w);
  c = philox_round(c, key + 2u * w);
  c = philox_round(c, key + 3u * w);
  c = philox_round(c, key + 4u * w);
  c = philox_round(c, key + 5u * w);
  c = philox_round(c, key + 6u * w);
  c = philox_round(c, key + 7u * w);
  c = philox_round(c, key + 8u * w);
  return philox_round(c, key + 9u * w);
}

// A u32 word -> f32 uniform in the open interval (0, 1): the top 23 bits plus half a step, so
// the value is exact in f32 (identical on CPU and GPU) and never 0 or 1 (safe for log).
fn philox_u01(w: u32) -> f32 {
  // = f32(w >> 9u) * 2^-23 + 2^-24 without the shift: the masked word is exact as an f32 (23
  // significant bits); read as an i32 it is 2^32 too small when the top bit is set.
  let v = f32(bitcast<i32>(w & 0xfffffe00u)) * 2.3283064365386963e-10;
  return select(v, v + 1.0, v < 0.0) + 5.9604644775390625e-8;
}
