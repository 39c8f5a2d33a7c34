// Statistics of one value per trajectory at each recorded step: every invocation reduces one
// block of WG consecutive trajectories to (count, mean, s.d.), merging adjacent pairs in a
// balanced binary tree (Chan et al.'s parallel update) with a small stack — sequential, so no
// workgroup barriers (software GPUs run barrier code as coroutines, several times slower).
// Pairwise merging of means keeps the f32 error at O(log2 WG) ulps and, unlike raw sums of x
// and x², does not cancel when the spread is small next to the mean. Block partials are
// combined across blocks in float64 on the CPU. Twin: src/sim/cpu/reduce.ts (same tree).
//
// obs[r * K + k] holds the f32 bits of trajectory k's value at record r, or a non-finite
// pattern when the trajectory is out of range (it then contributes nothing).

const RWG: u32 = 64u;   // block size (trajectories per partial); a power of two
const RDEPTH: u32 = 8u; // log2(RWG) + 2

struct ReduceParams {
  K: u32,
  rec_count: u32,
  n_groups: u32, // blocks per record: ceil(K / RWG)
  groups_x: u32, // width of the dispatch grid
}

@group(0) @binding(0) var<uniform> RP: ReduceParams;
@group(0) @binding(1) var<storage, read> obs: array<u32>;
@group(0) @binding(2) var<storage, read_write> partials: array<f32>;

// (count, mean, s.d.) with s.d. = sqrt(M2 / count): values up to the 1e30 range limit have an
// s.d. that fits in f32 where M2 (up to 1e62) would not. The sum of squares is scaled by the
// largest term so that no intermediate overflows.
fn reduce_merge(a: vec3<f32>, b: vec3<f32>) -> vec3<f32> {
  let n = a.x + b.x;
  if (n == 0.0) { return vec3<f32>(0.0); }
  let d = b.y - a.y;
  let wb = b.x / n;
  let wa = a.x / n;
  let mean = a.y + d * wb;
  let e = abs(d) * sqrt(wa * wb);
  let s = max(max(a.z, b.z), e);
  if (s == 0.0) { return vec3<f32>(n, mean, 0.0); }
  let ra = a.z / s;
  let rb = b.z / s;
  let re = e / s;
  return vec3<f32>(n, mean, s * sqrt(wa * ra * ra + wb * rb * rb + re * re));
}

@compute @workgroup_size(64)
fn reduce_main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let id = (wid.x + wid.y * RP.groups_x) * 64u + lid;
  if (id >= RP.n_groups * RP.rec_count) { return; }
  let r = id / RP.n_groups;
  let g = id % RP.n_groups;
  var stack: array<vec3<f32>, RDEPTH>;
  var top = 0u;
  for (var i = 0u; i < RWG; i = i + 1u) {
    let k = g * RWG + i;
    var e = vec3<f32>(0.0);
    if (k < RP.K) {
      let bits = obs[r * RP.K + k];
      if ((bits & 0x7f800000u) != 0x7f800000u) { e = vec3<f32>(1.0, bitcast<f32>(bits), 0.0); }
    }
    stack[top] = e;
    top = top + 1u;
    // After element i, merge once per trailing one-bit of i: adjacent equal-size subtrees.
    var c = i;
    while ((c & 1u) == 1u) {
      stack[top - 2u] = reduce_merge(stack[top - 2u], stack[top - 1u]);
      top = top - 1u;
      c = c >> 1u;
    }
  }
  let m = stack[0];
  let at = 3u * (r * RP.n_groups + g);
  partials[at] = m.x;
  partials[at + 1u] = m.y;
  partials[at + 2u] = m.z;
}
