// Philox4x32-10 (Salmon et al., SC'11; Random123), counter-based: every random word is a pure
// function of (key, counter), so any trajectory/datapoint/draw can be regenerated on demand.
// Convention of this project: key = seed (lo, hi); counter = (trajectory, index, draw, stream).
// Twin: src/sim/cpu/philox.ts (bit-identical).

// 32x32 -> 64-bit product as (hi, lo); WGSL has no u64, so split into 16-bit halves.
fn philox_mulhilo(a: u32, b: u32) -> vec2<u32> {
  let aL = a & 0xffffu;
  let aH = a >> 16u;
  let bL = b & 0xffffu;
  let bH = b >> 16u;
  let ll = aL * bL;
  let lh = aL * bH;
  let hl = aH * bL;
  let hh = aH * bH;
  let mid = (ll >> 16u) + (lh & 0xffffu) + (hl & 0xffffu);
  let hi = hh + (lh >> 16u) + (hl >> 16u) + (mid >> 16u);
  return vec2<u32>(hi, a * b);
}

fn philox_round(c: vec4<u32>, k: vec2<u32>) -> vec4<u32> {
  let p0 = philox_mulhilo(0xD2511F53u, c.x);
  let p1 = philox_mulhilo(0xCD9E8D57u, c.z);
  return vec4<u32>(p1.x ^ c.y ^ k.x, p1.y, p0.x ^ c.w ^ k.y, p0.y);
}

// Ten rounds, unrolled (software rasterisers such as SwiftShader do not unroll loops); the key
// is bumped by the Weyl constants (0x9E3779B9, 0xBB67AE85) before each round after the first.
fn philox4x32_10(counter: vec4<u32>, key: vec2<u32>) -> vec4<u32> {
  let w = vec2<u32>(0x9E3779B9u, 0xBB67AE85u);
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
  return f32(w >> 9u) * 1.1920928955078125e-7 + 5.9604644775390625e-8;
}
