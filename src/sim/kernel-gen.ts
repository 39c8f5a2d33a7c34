// Generated WGSL for the fixed sizes D (weights) and M (data variables): the small vector and
// matrix helpers of the step kernel, written out element by element. Software GPUs keep
// dynamically indexed local arrays in memory, which made the looped versions ~10x slower.
// The operation order of every formula is the one the CPU twin (cpu/model.ts) uses.
import type { SimPlan } from './plan';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/**
 * Vector helpers, state load/store (stride S: the weights, then the control-variate sum), the
 * gradient of the observable for the control variate, and the population point q.
 */
export function vectorHelpers(p: SimPlan, M: number): string {
  const D = p.D;
  const V = `array<f32, ${D}>`;
  const each = (f: (i: number) => string, sep = ', ') => range(D).map(f).join(sep);
  return [
    `fn vadd(a: ${V}, b: ${V}) -> ${V} { return ${V}(${each((i) => `a[${i}] + b[${i}]`)}); }`,
    `fn vsub(a: ${V}, b: ${V}) -> ${V} { return ${V}(${each((i) => `a[${i}] - b[${i}]`)}); }`,
    `fn vaxpy(a: ${V}, s: f32, b: ${V}) -> ${V} { return ${V}(${each((i) => `a[${i}] + s * b[${i}]`)}); }`,
    `fn vdiv(a: ${V}, s: f32) -> ${V} { return ${V}(${each((i) => `a[${i}] / s`)}); }`,
    `fn vin_range(a: ${V}) -> bool { return ${each((i) => `in_range(a[${i}])`, ' && ')}; }`,
    `fn vdot(a: ${V}, b: ${V}) -> f32 { return ${each((i) => `a[${i}] * b[${i}]`, ' + ')}; }`,
    `fn load_theta(k: u32) -> ${V} { let b = k * S; return ${V}(${each((i) => `theta[b + ${i}u]`)}); }`,
    `fn store_theta(k: u32, w: ${V}) { let b = k * S; ${each((i) => `theta[b + ${i}u] = w[${i}];`, ' ')} }`,
    `fn load_cv(k: u32) -> f32 { ${p.cv ? 'return theta[k * S + D];' : 'return 0.0;'} }`,
    `fn store_cv(k: u32, c: f32) { ${p.cv ? 'theta[k * S + D] = c;' : ''} }`,
    // ∇φ for the control variate: e_i for a weight, the population gradient for the test loss.
    `fn obs_grad(gp: ${V}) -> ${V} { return ${p.obs.kind === 'weight' ? `${V}(${each((i) => (i === (p.obs as { index: number }).index ? '1.0' : '0.0'))})` : 'gp'}; }`,
    // H·v for a row-major D×D matrix, each row summed left to right.
    `fn hvp(h: array<f32, ${D * D}>, v: ${V}) -> ${V} { return ${V}(${each((i) => range(D).map((j) => `h[${i * D + j}] * v[${j}]`).join(' + '))}); }`,
    `fn pop_point(q: u32) -> array<f32, ${M}> { let b = POP + q * (M + 1u) + 1u; return array<f32, ${M}>(${range(M).map((m) => `lawf[b + ${m}u]`).join(', ')}); }`,
  ].join('\n');
}

/** Training point n of trajectory k (the same in every epoch). */
export function datumFunction(p: SimPlan, M: number): string {
  const body: string[] = [];
  if (p.law.atoms) {
    body.push('let a = atom_index(philox4x32_10(vec4<u32>(k, n, 0u, STREAM_DATA), P.key).x);');
    body.push(`return array<f32, ${M}>(${range(M).map((m) => `lawf[a * M + ${m}u]`).join(', ')});`);
  } else {
    // Normals 4j..4j+3 come from draw j; each Box–Muller pair is computed only when used.
    const vals: string[] = [];
    for (let j = 0; j < M; j += 4) {
      body.push(`let w${j} = philox4x32_10(vec4<u32>(k, n, ${j / 4}u, STREAM_DATA), P.key);`);
      body.push(`let z${j} = box_muller(w${j}.x, w${j}.y);`);
      if (j + 2 < M) body.push(`let z${j + 2} = box_muller(w${j}.z, w${j}.w);`);
      for (let i = j; i < Math.min(M, j + 4); i++) vals.push(`lawf[${i}u] + lawf[M + ${i}u] * z${i - (i % 2)}.${i % 2 ? 'y' : 'x'}`);
    }
    body.push(`return array<f32, ${M}>(${vals.join(', ')});`);
  }
  return `fn datum(k: u32, n: u32) -> array<f32, ${M}> {\n  ${body.join('\n  ')}\n}`;
}

/**
 * Population moments over the law's points at w: mean gradient g and the lower triangle of the
 * covariance c (shifted one-pass sums around the first point's gradient), then its Cholesky
 * factor, and the SDE and ODE updates built on them.
 */
export function populationFunctions(D: number): string {
  const V = `array<f32, ${D}>`;
  const lower = range(D).flatMap((i) => range(i + 1).map((j) => [i, j] as const));
  const s2 = (i: number, j: number) => `s2_${i}_${j}`;
  const popMoments = `
struct PopMoments { g: ${V}, c: array<f32, ${D * D}>, }
fn pop_moments(w: ${V}, want_cov: bool) -> PopMoments {
  let g0 = loss_grad(w, pop_point(0u));
  ${range(D).map((i) => `var s1_${i} = 0.0;`).join(' ')}
  ${lower.map(([i, j]) => `var ${s2(i, j)} = 0.0;`).join(' ')}
  for (var q = 1u; q < Q; q = q + 1u) { // point 0 contributes exactly zero to the shifted sums
    let wq = lawf[POP + q * (M + 1u)];
    let g = loss_grad(w, pop_point(q));
    ${range(D).map((i) => `let d${i} = g[${i}] - g0[${i}];`).join(' ')}
    ${range(D).map((i) => `s1_${i} = s1_${i} + wq * d${i};`).join(' ')}
    if (want_cov) { ${lower.map(([i, j]) => `${s2(i, j)} = ${s2(i, j)} + wq * d${i} * d${j};`).join(' ')} }
  }
  var r: PopMoments;
  r.g = ${V}(${range(D).map((i) => `g0[${i}] + s1_${i}`).join(', ')});
  r.c = array<f32, ${D * D}>(${range(D * D)
    .map((ij) => {
      const i = Math.floor(ij / D), j = ij % D;
      return j <= i ? `${s2(i, j)} - s1_${i} * s1_${j}` : '0.0';
    })
    .join(', ')});
  return r;
}`;
  // Cholesky, column by column; a non-positive pivot zeroes its column (C is only PSD).
  const chol: string[] = [];
  for (let j = 0; j < D; j++) {
    const s = [`c[${j * D + j}]`, ...range(j).map((k) => `l_${j}_${k} * l_${j}_${k}`)].join(' - ');
    chol.push(`let p_${j} = ${s};`, `let l_${j}_${j} = select(0.0, sqrt(p_${j}), p_${j} > 0.0);`);
    for (let i = j + 1; i < D; i++) {
      const a = [`c[${i * D + j}]`, ...range(j).map((k) => `l_${i}_${k} * l_${j}_${k}`)].join(' - ');
      chol.push(`let l_${i}_${j} = select(0.0, (${a}) / l_${j}_${j}, l_${j}_${j} > 0.0);`);
    }
  }
  const cholesky = `
fn cholesky(c: array<f32, ${D * D}>) -> array<f32, ${D * D}> {
  ${chol.join('\n  ')}
  return array<f32, ${D * D}>(${range(D * D)
    .map((ij) => {
      const i = Math.floor(ij / D), j = ij % D;
      return j <= i ? `l_${i}_${j}` : '0.0';
    })
    .join(', ')});
}`;
  const draws = range(Math.ceil(D / 4)).map((b) => `let z${b} = normals4(P.key, k, t * SUB + s, ${b}u, STREAM_SDE);`);
  const xi = (j: number) => `z${j >> 2}.${'xyzw'[j & 3]}`;
  const sde = `
// Euler–Maruyama: SUB sub-steps of dθ = −∇l dt + noise with the SGD update's covariance η²C/B.
// One sub-step s of update t from w, given the population moments pm at w.
fn sde_substep(k: u32, t: u32, s: u32, w: ${V}, pm: PopMoments) -> ${V} {
  let h = P.eta / f32(SUB);
  let sh = P.eta / sqrt(f32(SUB) * f32(batch_size(t)));
  let l = cholesky(pm.c);
  ${draws.join('\n  ')}
  return ${V}(${range(D)
    .map((i) => `w[${i}] - h * pm.g[${i}] + sh * (${range(i + 1).map((j) => `l[${i * D + j}] * ${xi(j)}`).join(' + ')})`)
    .join(', ')});
}
fn update_sde(k: u32, t: u32, w0: ${V}) -> ${V} {
  var w = w0;
  for (var s = 0u; s < SUB; s = s + 1u) { w = sde_substep(k, t, s, w, pop_moments(w, true)); }
  return w;
}`;
  const ode = `
// Gradient flow of the population loss over time η: RK4 with SUB steps.
fn update_ode(w0: ${V}) -> ${V} {
  var w = w0;
  let h = P.eta / f32(SUB);
  for (var s = 0u; s < SUB; s = s + 1u) {
    let k1 = pop_moments(w, false).g;
    let k2 = pop_moments(vaxpy(w, -0.5 * h, k1), false).g;
    let k3 = pop_moments(vaxpy(w, -0.5 * h, k2), false).g;
    let k4 = pop_moments(vaxpy(w, -h, k3), false).g;
    let h6 = h / 6.0;
    w = ${V}(${range(D).map((i) => `w[${i}] - h6 * (k1[${i}] + 2.0 * k2[${i}] + 2.0 * k3[${i}] + k4[${i}])`).join(', ')});
  }
  return w;
}`;
  return [popMoments, cholesky, sde, ode].join('\n');
}
