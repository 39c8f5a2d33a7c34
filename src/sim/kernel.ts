// Assembles the WGSL step kernel of a plan: the shared shaders, a generated header of
// constants, and the landscape's loss / gradient / Hessian compiled from the formula.
// Also lays out the two data buffers the kernel reads (lawf, tables).
import { compileWGSLFunction } from '../landscape/formula/compile';
import type { Expr } from '../landscape/formula/ast';
import { shareShiftedTrig } from '../landscape/formula/trig';
import { LIMIT, pointsPerDraw, sequentialPoints, type SimPlan } from './plan';
import { shader } from './shaders';
import { datumFunction, populationFunctions, seqBlockFunction, shareSinCos, vectorHelpers } from './kernel-gen';
import { OPTIMIZER_TABLE, type Optimizer } from './optimizers';

export const WG = 64;
/** The kernel's optimizer codes, from the one table (step.wgsl branches on each). */
export const OPT_CODES = Object.fromEntries(OPTIMIZER_TABLE.map((o) => [o.id, o.code])) as Record<Optimizer, number>;
const OBS_CODES = { weight: 0, test: 1, train: 2, formula: 3 } as const;

/** The data variable count as the kernel sees it (WGSL arrays cannot be empty). */
export function kernelM(p: SimPlan): number {
  return Math.max(1, p.M);
}

/** lawf: normal mean/std or atom values, then the population points (w, x[M]) at offset POP. */
export function lawBuffer(p: SimPlan): { data: Float32Array; pop: number } {
  const M = kernelM(p);
  const head: number[] = [];
  if (p.law.atoms) {
    const A = p.law.cum.length;
    for (let a = 0; a < A; a++) for (let m = 0; m < M; m++) head.push(m < p.M ? p.law.values[a * p.M + m] : 0);
  } else {
    head.push(...p.law.mean, ...p.law.std);
  }
  const pop = head.length;
  const out = new Float32Array(pop + p.pop.Q * (M + 1));
  out.set(head);
  for (let q = 0; q < p.pop.Q; q++) {
    out[pop + q * (M + 1)] = p.pop.w[q];
    for (let m = 0; m < p.M; m++) out[pop + q * (M + 1) + 1 + m] = p.pop.x[q * p.M + m];
  }
  return { data: out, pop };
}

/** tables: recorded steps, then (explicit schedules) batch offsets and indices. */
export function tableBuffer(p: SimPlan): { data: Uint32Array; off: number; idx: number } {
  const R = p.recSteps.length;
  const off = R;
  const idx = off + p.sched.offsets.length;
  const data = new Uint32Array(idx + p.sched.indices.length);
  data.set(p.recSteps, 0);
  data.set(p.sched.offsets, off);
  data.set(p.sched.indices, idx);
  return { data, off, idx };
}

function landscapeFunctions(p: SimPlan): string {
  const D = p.D;
  const M = kernelM(p);
  const varMap: Record<string, string> = {};
  p.weights.forEach((w, i) => (varMap[w] = `w[${i}]`));
  p.dataVars.forEach((v, m) => (varMap[v] = `d[${m}]`));
  const params = `w: array<f32, ${D}>, d: array<f32, ${M}>`;
  const fn = (name: string, exprs: Expr[], returnType: string) =>
    compileWGSLFunction(shareShiftedTrig(exprs), { name, params, varMap, returnType }).code;
  const hess = p.hessExprs
    ? fn('loss_hess', p.hessExprs, `array<f32, ${D * D}>`)
    : `fn loss_hess(w: array<f32, ${D}>, d: array<f32, ${M}>) -> array<f32, ${D * D}> { return array<f32, ${D * D}>(); }\n`;
  // φ of a formula observable (weights only: the data argument is unused)
  const phi =
    p.obs.kind === 'formula'
      ? fn('obs_formula', [p.obs.expr], 'f32')
      : `fn obs_formula(w: array<f32, ${D}>, d: array<f32, ${M}>) -> f32 { return 0.0; }\n`;
  return shareSinCos(
    fn('loss_val', [p.lossExpr], 'f32') + fn('loss_grad', p.gradExprs, `array<f32, ${D}>`) + hess + phi,
  );
}

/** The complete WGSL module of the step kernel for this plan. */
export function stepKernel(p: SimPlan): string {
  const law = lawBuffer(p);
  const tab = tableBuffer(p);
  const s = p.sched;
  const u = (v: number) => `${v >>> 0}u`;
  const header = [
    `const WG: u32 = ${u(WG)};`,
    `const D: u32 = ${u(p.D)};`,
    `const S: u32 = ${u(p.S)};`,
    `const CV: bool = ${p.cv};`,
    `const DD: u32 = ${u(p.D * p.D)};`,
    `const D4: u32 = ${u(Math.ceil(p.D / 4) * 4)};`,
    `const M: u32 = ${u(kernelM(p))};`,
    `const N: u32 = ${u(p.N)};`,
    `const B: u32 = ${u(s.explicit ? 1 : s.B)};`,
    `const SPE: u32 = ${u(s.explicit ? 1 : s.spe)};`,
    `const Q: u32 = ${u(p.pop.Q)};`,
    `const POP: u32 = ${u(law.pop)};`,
    `const TAB_REC: u32 = 0u;`,
    `const TAB_OFF: u32 = ${u(tab.off)};`,
    `const TAB_IDX: u32 = ${u(tab.idx)};`,
    `const SUB: u32 = ${u(p.substeps)};`,
    `const LIMIT: f32 = ${LIMIT.toExponential()};`,
    `const LAW_ATOMS: bool = ${p.law.atoms};`,
    `const SCHED_EXPLICIT: bool = ${s.explicit};`,
    `const SHUFFLE: bool = ${s.shuffle};`,
    `const DPD: u32 = ${u(pointsPerDraw(p))};`,
    `const SEQ: bool = ${sequentialPoints(p)};`,
    ...Object.entries(OPT_CODES).map(([k, v]) => `const OPT_${k.toUpperCase()}: u32 = ${u(v)};`),
    `const OPT: u32 = ${u(OPT_CODES[p.optimizer])};`,
    ...Object.entries(OBS_CODES).map(([k, v]) => `const OBS_${k.toUpperCase()}: u32 = ${u(v)};`),
    `const OBS: u32 = ${u(OBS_CODES[p.obs.kind])};`,
    `const OBS_INDEX: u32 = ${u(p.obs.kind === 'weight' ? p.obs.index : 0)};`,
  ].join('\n');
  return [
    `// generated for optimizer ${p.optimizer}, ${p.weights.length} weights, ${p.M} data variables`,
    header,
    shader('mathf'),
    shader('philox'),
    shader('sample'),
    landscapeFunctions(p),
    vectorHelpers(p, kernelM(p)),
    datumFunction(p, kernelM(p)),
    seqBlockFunction(p, kernelM(p)),
    populationFunctions(p.D),
    shader('step'),
  ].join('\n');
}
