// A diagram's value as a LaTeX formula with the named tensors of the paper: a lone node is the
// mean of its derivative (G = E∇l, H = E∇²l, J = E∇³l), a tied part is a joint cumulant (two
// tied leaves C = Cov ∇l, three S = κ₃(∇l), otherwise κ(…)). Every edge carries one index.
import { type Diagram, type ObservableKind, childrenOf, rootOf } from '../../theory/diagram';

const INDEX = ['\\mu', '\\nu', '\\rho', '\\sigma', '\\tau', '\\alpha', '\\beta', '\\gamma', '\\delta', '\\epsilon'];
const MEAN_NAME = ['l', 'G', 'H', 'J'];

const sub = (idx: string[]): string => (idx.length ? `_{${idx.join('')}}` : '');

function meanTensor(order: number, idx: string[]): string {
  if (order < MEAN_NAME.length) return `${MEAN_NAME[order]}${sub(idx)}`;
  return `(\\nabla^{${order}} l)${sub(idx)}`;
}

function randomTensor(order: number, idx: string[]): string {
  const d = order === 0 ? '' : order === 1 ? '\\nabla' : `\\nabla^{${order}}`;
  return `${d}${sub(idx)} l_x`;
}

export interface DiagramTex {
  /** the value (a product of part values, indices contracted) */
  value: string;
  /** the term of the series: prefactor, embedding sum and value */
  term: string;
}

export function diagramTex(d: Diagram, obs: ObservableKind, aut: number): DiagramTex {
  const m = d.parent.length;
  const root = rootOf(d);
  const ch = childrenOf(d);
  const weightRoot = obs === 'weight';
  // the edge into a weight root carries the free index λ
  const letter = (edge: number): string => (weightRoot && d.parent[edge] === root ? '\\lambda' : INDEX[edge]);
  const indices = (v: number): string[] => [...(v === root ? [] : [letter(v)]), ...ch[v].map(letter)];
  const order = (v: number): number => indices(v).length;
  const factors: string[] = [];
  for (const part of d.parts) {
    const nodes = part.filter((v) => !(weightRoot && v === root));
    if (weightRoot && part.includes(root) && ch[root].length === 0) factors.push('\\theta_0^{\\lambda}');
    if (nodes.length === 0) continue;
    if (obs === 'formula' && nodes.length === 1 && nodes[0] === root) {
      // a formula root carries ∇^kφ(θ₀)
      const k = order(root);
      factors.push(
        k === 0 ? '\\varphi' : `(\\nabla^{${k}}\\varphi)${sub(indices(root))}`.replace('\\nabla^{1}', '\\nabla'),
      );
      continue;
    }
    if (nodes.length === 1) {
      factors.push(meanTensor(order(nodes[0]), indices(nodes[0])));
      continue;
    }
    const leaves = nodes.every((v) => order(v) === 1);
    const idx = nodes.flatMap(indices);
    if (leaves && nodes.length === 2) factors.push(`C${sub(idx)}`);
    else if (leaves && nodes.length === 3) factors.push(`S${sub(idx)}`);
    else factors.push(`\\kappa\\big(${nodes.map((v) => randomTensor(order(v), indices(v))).join(',\\,')}\\big)`);
  }
  const value = factors.length ? factors.join('\\,') : '1';
  const pre =
    m === 0 ? '' : `${aut === 1 ? '' : `\\frac{1}{${aut}}`}(-\\eta)^{${m}}\\sum_{f}\\prod_{v}\\frac{1}{|B_{t_v}|}\\;`;
  const term = `${pre}${value}`;
  return { value, term };
}

/** How the diagram's term grows: with η, with T (one epoch, B = 1) and with N (GD). */
export function diagramScaling(d: Diagram): { eta: number; sgdT: number; gdT: number; gdN: number } {
  const m = d.parent.length;
  const root = rootOf(d);
  const nodes = d.parts.reduce((s, p) => s + p.length, 0);
  const ties = nodes - d.parts.length;
  // one epoch, B = 1: every non-root part takes its own time ⇒ C(T, parts) ~ T^parts
  const sgdT = d.parts.filter((p) => !p.includes(root)).length;
  return { eta: m, sgdT, gdT: m, gdN: -ties };
}

/** The scaling as LaTeX, e.g. "\eta^{3}\,T^{2}" and "\eta^{3}\,T^{3}\,N^{-1}". */
export function scalingTex(s: ReturnType<typeof diagramScaling>): { sgd: string; gd: string } {
  const pow = (b: string, k: number) => (k === 0 ? '' : k === 1 ? b : `${b}^{${k}}`);
  const join = (xs: string[]) => xs.filter(Boolean).join('\\,') || '1';
  return {
    sgd: join([pow('\\eta', s.eta), pow('T', s.sgdT)]),
    gd: join([pow('\\eta', s.eta), pow('T', s.gdT), pow('N', s.gdN)]),
  };
}

/** The schedule the "Scaling" line speaks of. */
export interface ScalingSchedule {
  N: number;
  B: number;
  epochs: number;
  /** a schedule edited cell by cell */
  custom: boolean;
}

/**
 * How the term grows on the current schedule, with its label. One epoch: T grows with N (each
 * part takes its own update ⇒ T^parts). Several epochs or full batches at fixed N: each node
 * takes one of T updates and each untied part one of N datapoints ⇒ T^m N^−ties.
 */
export function scheduleScaling(s: ScalingSchedule, tex: { sgd: string; gd: string }): { label: string; tex: string } {
  if (s.custom) return { label: 'custom schedule (T and N enter through Emb(D))', tex: tex.sgd.split('\\,T')[0] };
  if (s.B === s.N) return { label: `GD, B = N = ${s.N}`, tex: tex.gd };
  if (s.epochs === 1) return { label: `SGD, one epoch, B = ${s.B}`, tex: tex.sgd };
  return { label: `SGD, ${s.epochs} epochs of N = ${s.N}, B = ${s.B} (more epochs at fixed N)`, tex: tex.gd };
}
