// Generated WGSL for the fixed sizes D (weights) and M (data variables): the small vector and
// matrix helpers of the step kernel, written out element by element. Software GPUs keep
// dynamically indexed local arrays in memory, which made the looped versions ~10x slower.
// The operation order of every formula is the one the CPU twin (cpu/model.ts) uses.
import { wgslFloat } from '../landscape/formula/wgsl';
import { pointsPerDraw, sequentialPoints, type SimPlan } from './plan';

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
    `fn vselect(f: ${V}, t: ${V}, c: bool) -> ${V} { return ${V}(${each((i) => `select(f[${i}], t[${i}], c)`)}); }`,
    `fn vin_range(a: ${V}) -> bool { return ${each((i) => `in_range(a[${i}])`, ' & ')}; }`,
    `fn vdot(a: ${V}, b: ${V}) -> f32 { return ${each((i) => `a[${i}] * b[${i}]`, ' + ')}; }`,
    `fn load_theta(k: u32) -> ${V} { let b = k * S; return ${V}(${each((i) => `theta[b + ${i}u]`)}); }`,
    `fn store_theta(k: u32, w: ${V}) { let b = k * S; ${each((i) => `theta[b + ${i}u] = w[${i}];`, ' ')} }`,
    `fn load_cv(k: u32) -> f32 { ${p.cv ? 'return theta[k * S + D];' : 'return 0.0;'} }`,
    `fn store_cv(k: u32, c: f32) { ${p.cv ? 'theta[k * S + D] = c;' : ''} }`,
    // ∇φ for the control variate: e_i for a weight, the population gradient for the test loss.
    `fn obs_grad(gp: ${V}) -> ${V} { return ${p.obs.kind === 'weight' ? `${V}(${each((i) => (i === (p.obs as { index: number }).index ? '1.0' : '0.0'))})` : 'gp'}; }`,
    // P·g (the preconditioner; the identity when there is none), rows summed left to right
    // over the non-zero entries, as the twin's precond.
    preconditionFunction(p),
    // H·v for a row-major D×D matrix, each row summed left to right.
    `fn hvp(h: array<f32, ${D * D}>, v: ${V}) -> ${V} { return ${V}(${each((i) =>
      range(D)
        .map((j) => `h[${i * D + j}] * v[${j}]`)
        .join(' + '),
    )}); }`,
    `fn pop_point(q: u32) -> array<f32, ${M}> { let b = POP + q * (M + 1u) + 1u; return array<f32, ${M}>(${range(M)
      .map((m) => `lawf[b + ${m}u]`)
      .join(', ')}); }`,
  ].join('\n');
}

/** `fn precond(g) -> P·g` with P's f32 entries written in (identity without a preconditioner). */
export function preconditionFunction(p: SimPlan): string {
  const D = p.D;
  const V = `array<f32, ${D}>`;
  if (!p.P) return `fn precond(g: ${V}) -> ${V} { return g; }`;
  const P = p.P;
  const row = (i: number) => {
    const terms = range(D)
      .filter((j) => Math.fround(P[i * D + j]) !== 0)
      .map((j) => `${wgslFloat(Math.fround(P[i * D + j]))} * g[${j}]`);
    return terms.length ? terms.join(' + ') : '0.0';
  };
  return `fn precond(g: ${V}) -> ${V} { return ${V}(${range(D).map(row).join(', ')}); }`;
}

/**
 * The f32 values of the M data variables of a normal law from normals z (WGSL expressions). The
 * law's mean and std are written in as constants (reading them from lawf in the step loop cost
 * ~7% on SwiftShader); a zero mean or unit std is left out, which changes no value.
 */
function normalPoint(p: SimPlan, M: number, z: (m: number) => string): string {
  const law = p.law;
  if (law.atoms) throw new Error('normalPoint: the law has atoms');
  const one = (m: number) => {
    const mean = Math.fround(law.mean[m]);
    const std = Math.fround(law.std[m]);
    const scaled = std === 1 ? z(m) : `${wgslFloat(std)} * ${z(m)}`;
    return mean === 0 ? scaled : `${wgslFloat(mean)} + ${scaled}`;
  };
  return `array<f32, ${M}>(${range(M).map(one).join(', ')})`;
}

/** Atom `a`'s M values (WGSL expression). */
const atomPoint = (M: number, a: string) =>
  `array<f32, ${M}>(${range(M)
    .map((m) => `lawf[${a} * M + ${m}u]`)
    .join(', ')})`;

/**
 * Training point n of trajectory k (the same in every epoch). Layout (pointsPerDraw in plan.ts):
 * points n with the same ⌊n / DPD⌋ share the Philox draw (k, ⌊n / DPD⌋, 0, STREAM_DATA); atoms
 * take word n mod 4, one normal variable takes normal n mod 4 (Box–Muller pair (x, y) or (z, w),
 * then cos or sin), two take the pair n mod 2; with three or more, point n has draws (k, n, j).
 */
export function datumFunction(p: SimPlan, M: number): string {
  const dpd = pointsPerDraw(p);
  const blk = dpd === 4 ? 'n >> 2u' : dpd === 2 ? 'n >> 1u' : 'n';
  const body: string[] = [];
  if (p.law.atoms) {
    body.push(`let wd = philox4x32_10(vec4<u32>(k, ${blk}, 0u, STREAM_DATA), KEY);`);
    body.push('let odd = (n & 1u) != 0u;');
    body.push('let a = atom_index(select(select(wd.x, wd.y, odd), select(wd.z, wd.w, odd), (n & 2u) != 0u));');
    body.push(`return ${atomPoint(M, 'a')};`);
  } else if (p.M === 0) {
    body.push(`return array<f32, ${M}>();`);
  } else if (dpd > 1) {
    body.push(`let wd = philox4x32_10(vec4<u32>(k, ${blk}, 0u, STREAM_DATA), KEY);`);
    body.push(`let hi = (n & ${dpd === 4 ? 2 : 1}u) != 0u;`);
    body.push('let z = box_muller(select(wd.x, wd.z, hi), select(wd.y, wd.w, hi));');
    body.push(`return ${normalPoint(p, M, (m) => (dpd === 4 ? 'select(z.x, z.y, (n & 1u) != 0u)' : `z.${'xy'[m]}`))};`);
  } else {
    // Normals 4j..4j+3 come from draw j; each Box–Muller pair is computed only when used.
    for (let j = 0; j < p.M; j += 4) {
      body.push(`let w${j} = philox4x32_10(vec4<u32>(k, n, ${j / 4}u, STREAM_DATA), KEY);`);
      body.push(`let z${j} = box_muller(w${j}.x, w${j}.y);`);
      if (j + 2 < p.M) body.push(`let z${j + 2} = box_muller(w${j}.z, w${j}.w);`);
    }
    body.push(`return ${normalPoint(p, M, (i) => `z${i - (i % 2)}.${i % 2 ? 'y' : 'x'}`)};`);
  }
  return `fn datum(k: u32, n: u32) -> array<f32, ${M}> {\n  ${body.join('\n  ')}\n}`;
}

/**
 * The sequential SGD path (sequentialPoints in plan.ts): updates u0 .. u0 + DPD − 1 (u0 a
 * multiple of DPD) from one Philox draw, written out so that software GPUs run them as
 * straight-line code; updates outside [t, stop) leave the state as it is.
 */
export function seqBlockFunction(p: SimPlan, M: number): string {
  const sig = 'fn seq_block(k: u32, u0: u32, t: u32, stop: u32, s: ptr<function, Traj>)';
  if (!sequentialPoints(p)) return `${sig} {}`;
  const dpd = pointsPerDraw(p);
  const body = [`let wd = philox4x32_10(vec4<u32>(k, (u0 % SPE) / ${dpd}u, 0u, STREAM_DATA), KEY);`];
  const pts: string[] = [];
  if (p.law.atoms) {
    for (let i = 0; i < 4; i++) pts.push(atomPoint(M, `atom_index(wd.${'xyzw'[i]})`));
  } else if (p.M === 0) {
    for (let i = 0; i < dpd; i++) pts.push(`array<f32, ${M}>()`);
  } else {
    body.push('let z0 = box_muller(wd.x, wd.y);', 'let z1 = box_muller(wd.z, wd.w);');
    for (let i = 0; i < dpd; i++) {
      pts.push(normalPoint(p, M, (m) => (dpd === 4 ? `z${i >> 1}.${'xy'[i & 1]}` : `z${i}.${'xy'[m]}`)));
    }
  }
  pts.forEach((x, i) => {
    const u = `u0 + ${i}u`;
    body.push(`step_point(${u}, ${x}, s, (${u} >= t) & (${u} < stop));`);
  });
  return `${sig} {\n  ${body.join('\n  ')}\n}`;
}

/**
 * Each sin(a) and cos(a) of the same argument in the compiled landscape functions from one
 * mathf_sincos call (bit-identical: sin and cos are its two halves). The compiler's tape shares
 * arguments as named values, so equal arguments have equal text.
 */
export function shareSinCos(code: string): string {
  const call = /(?<![\w.])(sin|cos)\(/g;
  return code.replace(/(fn [^\n]*\{\n)([\s\S]*?\n)(\}\n?)/g, (_m, head: string, body: string, tail: string) => {
    const uses = new Map<string, Set<string>>();
    const args: { fn: string; start: number; end: number; arg: string }[] = [];
    for (let m = call.exec(body); m; m = call.exec(body)) {
      let depth = 1;
      let i = m.index + m[0].length;
      for (; i < body.length && depth > 0; i++) depth += body[i] === '(' ? 1 : body[i] === ')' ? -1 : 0;
      const arg = body.slice(m.index + m[0].length, i - 1);
      args.push({ fn: m[1], start: m.index, end: i, arg });
      if (!uses.has(arg)) uses.set(arg, new Set());
      uses.get(arg)!.add(m[1]);
    }
    const shared = [...uses].filter(([, fns]) => fns.size === 2).map(([arg]) => arg);
    if (!shared.length) return head + body + tail;
    const name = new Map(shared.map((a, i) => [a, `sc_${i}`]));
    let out = '';
    let at = 0;
    const declared = new Set<string>();
    for (const c of args) {
      const n = name.get(c.arg);
      if (!n || args.some((o) => o !== c && o.start < c.start && o.end > c.start)) continue; // nested calls keep theirs
      out += body.slice(at, c.start) + `${n}.${c.fn === 'sin' ? 'x' : 'y'}`;
      at = c.end;
    }
    out += body.slice(at);
    // Declare each shared pair just before the first line that uses it (its argument is defined by then).
    const lines = out.split('\n');
    const res: string[] = [];
    for (const line of lines) {
      for (const [arg, n] of name) {
        if (!declared.has(n) && new RegExp(`\\b${n}\\.`).test(line)) {
          res.push(`  let ${n} = mathf_sincos(${arg});`);
          declared.add(n);
        }
      }
      res.push(line);
    }
    return head + res.join('\n') + tail;
  });
}

/**
 * Population moments over the law's points at w: mean gradient g and the lower triangle of the
 * covariance c (shifted one-pass sums around the first point's gradient), then its Cholesky
 * factor, and the SDE and ODE updates built on them.
 */
export function populationFunctions(D: number): string {
  // every step direction goes through precond (P·drift, P·noise: covariance η²PCP/B)
  const V = `array<f32, ${D}>`;
  const lower = range(D).flatMap((i) => range(i + 1).map((j) => [i, j] as const));
  const s2 = (i: number, j: number) => `s2_${i}_${j}`;
  const popMoments = `
struct PopMoments { g: ${V}, c: array<f32, ${D * D}>, }
fn pop_moments(w: ${V}, want_cov: bool) -> PopMoments {
  let g0 = loss_grad(w, pop_point(0u));
  ${range(D)
    .map((i) => `var s1_${i} = 0.0;`)
    .join(' ')}
  ${lower.map(([i, j]) => `var ${s2(i, j)} = 0.0;`).join(' ')}
  for (var q = 1u; q < Q; q = q + 1u) { // point 0 contributes exactly zero to the shifted sums
    let wq = lawf[POP + q * (M + 1u)];
    let g = loss_grad(w, pop_point(q));
    ${range(D)
      .map((i) => `let d${i} = g[${i}] - g0[${i}];`)
      .join(' ')}
    ${range(D)
      .map((i) => `s1_${i} = s1_${i} + wq * d${i};`)
      .join(' ')}
    if (want_cov) { ${lower.map(([i, j]) => `${s2(i, j)} = ${s2(i, j)} + wq * d${i} * d${j};`).join(' ')} }
  }
  var r: PopMoments;
  r.g = ${V}(${range(D)
    .map((i) => `g0[${i}] + s1_${i}`)
    .join(', ')});
  r.c = array<f32, ${D * D}>(${range(D * D)
    .map((ij) => {
      const i = Math.floor(ij / D),
        j = ij % D;
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
      const i = Math.floor(ij / D),
        j = ij % D;
      return j <= i ? `l_${i}_${j}` : '0.0';
    })
    .join(', ')});
}`;
  const draws = range(Math.ceil(D / 4)).map((b) => `let z${b} = normals4(KEY, k, t * SUB + s, ${b}u, STREAM_SDE);`);
  const xi = (j: number) => `z${j >> 2}.${'xyzw'[j & 3]}`;
  const sde = `
// Euler–Maruyama: SUB sub-steps of dθ = −P∇l dt + noise with the SGD update's covariance η²PCP/B.
// One sub-step s of update t from w, given the population moments pm at w.
fn sde_substep(k: u32, t: u32, s: u32, w: ${V}, pm: PopMoments) -> ${V} {
  let h = ETA / f32(SUB);
  let sh = ETA / sqrt(f32(SUB) * f32(batch_size(t)));
  let l = cholesky(pm.c);
  ${draws.join('\n  ')}
  let pg = precond(pm.g);
  let pn = precond(${V}(${range(D)
    .map((i) =>
      range(i + 1)
        .map((j) => `l[${i * D + j}] * ${xi(j)}`)
        .join(' + '),
    )
    .join(', ')}));
  return ${V}(${range(D)
    .map((i) => `w[${i}] - h * pg[${i}] + sh * pn[${i}]`)
    .join(', ')});
}
fn update_sde(k: u32, t: u32, w0: ${V}) -> ${V} {
  var w = w0;
  for (var s = 0u; s < SUB; s = s + 1u) { w = sde_substep(k, t, s, w, pop_moments(w, true)); }
  return w;
}`;
  const ode = `
// Gradient flow θ' = −P∇l of the population loss over time η: RK4 with SUB steps.
fn update_ode(w0: ${V}) -> ${V} {
  var w = w0;
  let h = ETA / f32(SUB);
  for (var s = 0u; s < SUB; s = s + 1u) {
    let k1 = precond(pop_moments(w, false).g);
    let k2 = precond(pop_moments(vaxpy(w, -0.5 * h, k1), false).g);
    let k3 = precond(pop_moments(vaxpy(w, -0.5 * h, k2), false).g);
    let k4 = precond(pop_moments(vaxpy(w, -h, k3), false).g);
    let h6 = h / 6.0;
    w = ${V}(${range(D)
      .map((i) => `w[${i}] - h6 * (k1[${i}] + 2.0 * k2[${i}] + 2.0 * k3[${i}] + k4[${i}])`)
      .join(', ')});
  }
  return w;
}`;
  return [popMoments, cholesky, sde, ode].join('\n');
}
