// Statistics of one value per trajectory at each recorded step: every invocation reduces one
// block of RWG = 64 consecutive trajectories to (count, mean, s.d.), merging adjacent pairs in a
// balanced binary tree (Chan et al.'s parallel update). The tree is written out as straight-line
// code — eight leaves at a time, then the eight octets — with no local array and no barrier:
// software GPUs keep indexed local arrays in memory and run barrier code as coroutines, which
// made a stack-based loop cost as much as the simulation when ~100 steps are recorded.
// Pairwise merging of means keeps the f32 error at O(log2 WG) ulps and, unlike raw sums of x
// and x², does not cancel when the spread is small next to the mean. Block statistics are
// combined across blocks in float64 on the CPU (src/sim/blocks.ts, as M2 = count · s.d.²).
// Twin: src/sim/cpu/reduce.ts (same tree, same operations).
//
// obs[r * K + k] holds the f32 bits of trajectory k's value at record r, or a non-finite
// pattern when the trajectory is out of range (it then contributes nothing).

const RWG: u32 = 64u;   // block size (trajectories per partial)

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

// Trajectory k's leaf at record r: (1, value, 0) in range, else 0.
fn reduce_leaf(r: u32, k: u32) -> vec3<f32> {
  let bits = obs[r * RP.K + min(k, RP.K - 1u)];
  let ok = (k < RP.K) & ((bits & 0x7f800000u) != 0x7f800000u);
  return select(vec3<f32>(0.0), vec3<f32>(1.0, bitcast<f32>(bits), 0.0), ok);
}

// Trajectories k .. k + 7 merged as a balanced tree.
fn reduce_octet(r: u32, k: u32) -> vec3<f32> {
  let a = reduce_merge(reduce_leaf(r, k), reduce_leaf(r, k + 1u));
  let b = reduce_merge(reduce_leaf(r, k + 2u), reduce_leaf(r, k + 3u));
  let c = reduce_merge(reduce_leaf(r, k + 4u), reduce_leaf(r, k + 5u));
  let d = reduce_merge(reduce_leaf(r, k + 6u), reduce_leaf(r, k + 7u));
  return reduce_merge(reduce_merge(a, b), reduce_merge(c, d));
}

@compute @workgroup_size(64)
fn reduce_main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let id = (wid.x + wid.y * RP.groups_x) * 64u + lid;
  if (id >= RP.n_groups * RP.rec_count) { return; }
  let r = id / RP.n_groups;
  let g = id % RP.n_groups;
  let k = g * RWG;
  let a = reduce_merge(reduce_octet(r, k), reduce_octet(r, k + 8u));
  let b = reduce_merge(reduce_octet(r, k + 16u), reduce_octet(r, k + 24u));
  let c = reduce_merge(reduce_octet(r, k + 32u), reduce_octet(r, k + 40u));
  let d = reduce_merge(reduce_octet(r, k + 48u), reduce_octet(r, k + 56u));
  let m = reduce_merge(reduce_merge(a, b), reduce_merge(c, d));
  let at = 3u * (r * RP.n_groups + g);
  partials[at] = m.x;
  partials[at + 1u] = m.y;
  partials[at + 2u] = m.z;
}

// Variance observables: the same tree over (count, mean, M2, M3, M4) with Pébay's pairwise
// update, so that the sample variance's standard error can use the fourth central moment.
// Twin: reduceGroup4 in src/sim/cpu/reduce.ts (same operations, same order).
struct Mom4 {
  a: vec4<f32>, // count, mean, M2, M3
  m4: f32,
}

fn reduce_merge4(p: Mom4, q: Mom4) -> Mom4 {
  let na = p.a.x;
  let nb = q.a.x;
  let n = na + nb;
  var r: Mom4;
  if (n == 0.0) { return r; }
  let d = q.a.y - p.a.y;
  let w = nb / n;
  let f = na * w;
  let d2 = d * d;
  let u = (na - nb) / n;
  let v = ((na * na - na * nb) + nb * nb) / (n * n);
  r.a.x = n;
  r.a.y = p.a.y + d * w;
  r.a.z = (p.a.z + q.a.z) + d2 * f;
  r.a.w = ((p.a.w + q.a.w) + ((d2 * d) * f) * u) + ((3.0 * d) * (na * q.a.z - nb * p.a.z)) / n;
  r.m4 = (((p.m4 + q.m4) + ((d2 * d2) * f) * v) + ((6.0 * d2) * (na * na * q.a.z + nb * nb * p.a.z)) / (n * n))
    + ((4.0 * d) * (na * q.a.w - nb * p.a.w)) / n;
  return r;
}

fn reduce_leaf4(r: u32, k: u32) -> Mom4 {
  let l = reduce_leaf(r, k);
  var m: Mom4;
  m.a = vec4<f32>(l.x, l.y, 0.0, 0.0);
  return m;
}

fn reduce_octet4(r: u32, k: u32) -> Mom4 {
  let a = reduce_merge4(reduce_leaf4(r, k), reduce_leaf4(r, k + 1u));
  let b = reduce_merge4(reduce_leaf4(r, k + 2u), reduce_leaf4(r, k + 3u));
  let c = reduce_merge4(reduce_leaf4(r, k + 4u), reduce_leaf4(r, k + 5u));
  let d = reduce_merge4(reduce_leaf4(r, k + 6u), reduce_leaf4(r, k + 7u));
  return reduce_merge4(reduce_merge4(a, b), reduce_merge4(c, d));
}

@compute @workgroup_size(64)
fn reduce_main4(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let id = (wid.x + wid.y * RP.groups_x) * 64u + lid;
  if (id >= RP.n_groups * RP.rec_count) { return; }
  let r = id / RP.n_groups;
  let g = id % RP.n_groups;
  let k = g * RWG;
  let a = reduce_merge4(reduce_octet4(r, k), reduce_octet4(r, k + 8u));
  let b = reduce_merge4(reduce_octet4(r, k + 16u), reduce_octet4(r, k + 24u));
  let c = reduce_merge4(reduce_octet4(r, k + 32u), reduce_octet4(r, k + 40u));
  let d = reduce_merge4(reduce_octet4(r, k + 48u), reduce_octet4(r, k + 56u));
  let m = reduce_merge4(reduce_merge4(a, b), reduce_merge4(c, d));
  let at = 5u * (r * RP.n_groups + g);
  partials[at] = m.a.x;
  partials[at + 1u] = m.a.y;
  partials[at + 2u] = m.a.z;
  partials[at + 3u] = m.a.w;
  partials[at + 4u] = m.m4;
}
