// Samplers on top of philox.wgsl. Twin: src/sim/cpu/sample.ts.
// Streams (4th counter word) keep the random numbers of different purposes independent.
const STREAM_DATA: u32 = 0u;  // counter (trajectory, block of points, draw, 0): training set
const STREAM_PERM: u32 = 1u;  // counter (trajectory, epoch, draw, 1): shuffling permutations
const STREAM_SDE: u32 = 2u;   // counter (trajectory, sub-step index, draw, 2): SDE noise

// Box-Muller: two uniforms -> two independent N(0,1). The angle is taken in [-pi, pi) where
// WGSL's sin/cos are specified most tightly; the sign flip this causes is harmless (symmetry).
fn box_muller(w0: u32, w1: u32) -> vec2<f32> {
  let r = sqrt(-2.0 * mathf_log_unit(philox_u01(w0)));
  let a = 6.283185307179586 * (philox_u01(w1) - 0.5);
  let sc = mathf_sincos(a); // = (sin a, cos a), one reduction for both
  return vec2<f32>(r * sc.y, r * sc.x);
}

// Four normals from one Philox call: normals 4*draw .. 4*draw+3 of (traj, idx, stream).
fn normals4(key: vec2<u32>, traj: u32, idx: u32, draw: u32, stream: u32) -> vec4<f32> {
  let w = philox4x32_10(vec4<u32>(traj, idx, draw, stream), key);
  return vec4<f32>(box_muller(w.x, w.y), box_muller(w.z, w.w));
}

// Inverse CDF of a discrete law. `law_cum` (declared by the including module, read-only
// storage) has one entry per atom, cum[i] = round(2^32 * P(atom <= i)) (the last entry is not
// read); the word w picks the first atom with w < cum[i], else the last. Integer compares:
// identical on CPU and GPU.
fn atom_index(w: u32) -> u32 {
  let n = arrayLength(&law_cum);
  for (var i = 0u; i + 1u < n; i = i + 1u) {
    if (w < law_cum[i]) { return i; }
  }
  return n - 1u;
}

// Uniform integer in [0, m) from one word by the multiply-high method (bias < m / 2^32).
fn uniform_below(w: u32, m: u32) -> u32 {
  return philox_mulhilo(w, m).x;
}
