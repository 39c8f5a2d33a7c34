// The SGD-family step kernel: one invocation = one trajectory; one dispatch = updates
// [P.t0, P.t1) plus the recorded steps in [P.t0, P.t1]. Twin: src/sim/cpu/engine.ts.
// Assembled by src/sim/kernel.ts, which prepends mathf/philox/sample and a generated
// header: the constants below (WG, D, M, N, OPT_*, ...) and the landscape functions
//   fn loss_val(w: array<f32, D>, d: array<f32, M>) -> f32
//   fn loss_grad(w: array<f32, D>, d: array<f32, M>) -> array<f32, D>
//   fn loss_hess(w: array<f32, D>, d: array<f32, M>) -> array<f32, DD>   (row-major)
//   fn obs_formula(w: array<f32, D>, d: array<f32, M>) -> f32             (φ; 0 unless OBS_FORMULA)
// compiled from the scenario's formula, and (src/sim/kernel-gen.ts) helpers written out for the
// fixed sizes D and M: vadd, vsub, vaxpy, vdiv, precond (P·g), hvp, vin_range, load_theta, store_theta, datum,
// seq_block, pop_point, pop_moments, cholesky, sde_substep, update_sde, update_ode; and the
// constants DPD (training points per Philox draw) and SEQ (sequentialPoints in plan.ts).
//
// Data layouts (offsets are header constants):
//   lawf  : normal -> mean[M], std[M]; atoms -> values[A*M]; then pop points Q x (w, x[M]) at POP
//   tables: recorded steps at TAB_REC; explicit batches: offsets[T+1] at TAB_OFF, indices at TAB_IDX

struct Params {
  key: vec2<u32>,
  K: u32,
  t0: u32,
  t1: u32,
  rec_base: u32,   // index in the recorded-step list of the first record of this chunk
  rec_count: u32,  // records handled by this chunk
  groups_x: u32,   // width of the dispatch grid (2-D when K needs > 65535 workgroups)
  n_groups: u32,   // workgroups in total
  eta: f32,
  beta: f32,
  k0: u32,         // counter of the first trajectory (shards, progressive runs); a multiple of WG
}

@group(0) @binding(0) var<uniform> P: Params;
@group(0) @binding(1) var<storage, read_write> theta: array<f32>;
@group(0) @binding(2) var<storage, read_write> status: array<u32>;
@group(0) @binding(3) var<storage, read_write> obs: array<u32>;   // rec_count x K, see reduce.wgsl
@group(0) @binding(4) var<storage, read_write> perm: array<u32>;
@group(0) @binding(5) var<storage, read> lawf: array<f32>;
@group(0) @binding(6) var<storage, read> tables: array<u32>;
@group(0) @binding(7) var<storage, read> law_cum: array<u32>;

// Copies of the uniforms the step loop reads, made once per invocation at the top of main: SwiftShader
// bounds-checks every buffer read (robust buffer access), which inside the loop cost ~15%.
var<private> KEY: vec2<u32>;
var<private> ETA: f32;
var<private> BETA: f32;
var<private> K0: u32;

fn in_range(x: f32) -> bool { return abs(x) <= LIMIT; } // false for NaN

// Epoch e's permutation of trajectory k (Fisher–Yates, position -> datapoint) into its slot of perm.
fn make_perm(k: u32, e: u32) {
  let base = (k - K0) * N;
  for (var i = 0u; i < N; i = i + 1u) { perm[base + i] = i; }
  var w = vec4<u32>(0u);
  for (var i = N - 1u; i >= 1u; i = i - 1u) {
    let c = N - 1u - i;
    if ((c & 3u) == 0u) { w = philox4x32_10(vec4<u32>(k, e, c >> 2u, STREAM_PERM), KEY); }
    let j = uniform_below(w[c & 3u], i + 1u);
    let tmp = perm[base + i];
    perm[base + i] = perm[base + j];
    perm[base + j] = tmp;
  }
}

fn batch_size(t: u32) -> u32 {
  if (SCHED_EXPLICIT) { return tables[TAB_OFF + t + 1u] - tables[TAB_OFF + t]; }
  return B;
}

fn batch_point(k: u32, t: u32, j: u32) -> u32 {
  if (SCHED_EXPLICIT) { return tables[TAB_IDX + tables[TAB_OFF + t] + j]; }
  let pos = (t % SPE) * B + j;
  if (SHUFFLE) { return perm[(k - K0) * N + pos]; }
  return pos;
}

fn update_sgd(k: u32, t: u32, w: array<f32, D>) -> array<f32, D> {
  let bs = batch_size(t);
  var g = loss_grad(w, datum(k, batch_point(k, t, 0u)));
  for (var j = 1u; j < bs; j = j + 1u) { g = vadd(g, loss_grad(w, datum(k, batch_point(k, t, j)))); }
  return vaxpy(w, -(ETA / f32(bs)), precond(g));
}

// GD on l_n + β tr(PĈ), Ĉ the unbiased sample covariance of the N gradients (= the mean over all
// pairs of the two-point estimate ½(g_x − g_y)(g_x − g_y)ᵀ), with every step P·∇:
// ∇tr(PĈ) = 2/(N−1) Σ_n H_n P (g_n − ḡ) (P = I: the plain correction).
fn update_gd(k: u32, w: array<f32, D>, with_c: bool) -> array<f32, D> {
  var g = loss_grad(w, datum(k, 0u));
  for (var n = 1u; n < N; n = n + 1u) { g = vadd(g, loss_grad(w, datum(k, n))); }
  g = vdiv(g, f32(N));
  var r = vaxpy(w, -ETA, precond(g));
  if (with_c && N > 1u) {
    var hv = hvp(loss_hess(w, datum(k, 0u)), precond(vsub(loss_grad(w, datum(k, 0u)), g)));
    for (var n = 1u; n < N; n = n + 1u) {
      let x = datum(k, n);
      hv = vadd(hv, hvp(loss_hess(w, x), precond(vsub(loss_grad(w, x), g))));
    }
    r = vaxpy(r, -(ETA * BETA * 2.0 / f32(N - 1u)), precond(hv));
  }
  return r;
}

fn update(k: u32, t: u32, w: array<f32, D>) -> array<f32, D> {
  if (OPT == OPT_SGD) { return update_sgd(k, t, w); }
  if (OPT == OPT_GD) { return update_gd(k, w, false); }
  if (OPT == OPT_GDC) { return update_gd(k, w, true); }
  if (OPT == OPT_SDE) { return update_sde(k, t, w); }
  if (OPT == OPT_ODE) { return update_ode(w); }
  // Not reached: the generator emits only the codes of src/sim/optimizers.ts, and a test checks
  // that each has its branch above (an unknown code must not run another optimizer silently).
  return w;
}

fn observe(k: u32, w: array<f32, D>) -> f32 {
  if (OBS == OBS_WEIGHT) { return w[OBS_INDEX]; }
  if (OBS == OBS_FORMULA) { return obs_formula(w, array<f32, M>()); }
  var s = 0.0;
  if (OBS == OBS_TEST) {
    for (var q = 0u; q < Q; q = q + 1u) { s = s + lawf[POP + q * (M + 1u)] * loss_val(w, pop_point(q)); }
    return s;
  }
  for (var n = 0u; n < N; n = n + 1u) { s = s + loss_val(w, datum(k, n)); }
  return s / f32(N);
}

// A trajectory's state while the kernel runs: weights, control-variate sum (plan.ts), status.
struct Traj {
  w: array<f32, D>,
  cv: f32,
  st: u32,
}

// Update u of a trajectory still in range, any optimizer and schedule.
fn step_any(k: u32, u: u32, s: ptr<function, Traj>) {
  if ((*s).st != 0u) { return; }
  if (SHUFFLE && u % SPE == 0u) { make_perm(k, u / SPE); }
  let w = (*s).w;
  var wn: array<f32, D>;
  if (CV) {
    // The SDE (one sub-step) reuses these moments for its own update.
    let pm = pop_moments(w, OPT == OPT_SDE);
    if (OPT == OPT_SDE) { wn = sde_substep(k, u, 0u, w, pm); } else { wn = update(k, u, w); }
    (*s).cv = (*s).cv + vdot(obs_grad(pm.g), vaxpy(vsub(wn, w), ETA, precond(pm.g)));
  } else {
    wn = update(k, u, w);
  }
  (*s).w = wn;
  if (!vin_range(wn)) { (*s).st = u + 2u; }
}

// Update u (SGD, batch 1) of s on the training point x: update_sgd and step_any, operation for
// operation, for the sequential path (seq_block); s is unchanged unless `on` and in range.
// Branch-free, and & rather than && (no short-circuit blocks): software GPUs run a branch's code
// anyway, masked stores cost more, and SwiftShader compiles many inlined && blocks slowly.
fn step_point(u: u32, x: array<f32, M>, s: ptr<function, Traj>, on: bool) {
  let w = (*s).w;
  let live = on & ((*s).st == 0u);
  let wn = vaxpy(w, -(ETA / f32(1u)), precond(loss_grad(w, x)));
  if (CV) {
    let pm = pop_moments(w, false);
    (*s).cv = select((*s).cv, (*s).cv + vdot(obs_grad(pm.g), vaxpy(vsub(wn, w), ETA, precond(pm.g))), live);
  }
  (*s).w = vselect(w, wn, live);
  (*s).st = select((*s).st, u + 2u, live & !vin_range(wn));
}

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let group = wid.x + wid.y * P.groups_x;
  let kl = group * WG + lid; // state index in the buffers
  let live = kl < P.K && group < P.n_groups;
  KEY = P.key;
  ETA = P.eta;
  BETA = P.beta;
  K0 = P.k0;
  let k = K0 + kl; // the trajectory's counter in the random stream
  var s: Traj;
  s.st = 1u;
  if (live) {
    s.w = load_theta(kl);
    s.cv = load_cv(kl);
    s.st = status[kl];
    if (SHUFFLE && s.st == 0u && P.t0 < P.t1 && P.t0 % SPE != 0u) { make_perm(k, P.t0 / SPE); }
  }
  // Records split the chunk into stretches of plain updates. Each record writes this
  // trajectory's observable (or an out-of-range marker) to obs; reduce.wgsl sums them.
  var t = P.t0;
  for (var ri = 0u; ri <= P.rec_count; ri = ri + 1u) {
    let stop = select(P.t1, tables[TAB_REC + P.rec_base + min(ri, P.rec_count - 1u)], ri < P.rec_count);
    if (live) {
      if (SEQ) {
        // Draw blocks of DPD updates, aligned in step numbering (one call site: software GPUs
        // compile each call inline).
        for (var u0 = t - (t & (DPD - 1u)); u0 < stop; u0 = u0 + DPD) { seq_block(k, u0, t, stop, &s); }
      } else {
        for (var u = t; u < stop; u = u + 1u) { step_any(k, u, &s); }
      }
      if (ri < P.rec_count) {
        var bits = 0x7fc00000u;
        if (s.st == 0u) {
          let v = observe(k, s.w) - s.cv;
          if (in_range(v)) { bits = bitcast<u32>(v); } else { s.st = stop + 1u; }
        }
        obs[ri * P.K + kl] = bits;
      }
    }
    t = stop;
  }
  if (live) {
    store_theta(kl, s.w);
    store_cv(kl, s.cv);
    status[kl] = s.st;
  }
}
