// One descriptor per observable (theory.md §2): what the diagram root carries, whether it is a
// training point, which root shapes contribute, and how a simulation evaluates it. Every layer
// that lists or labels observables reads this table.
import type { ObservableKind } from './diagram';

/** Observables a scenario can ask for; `variance` is built from two formula series. */
export type ObservableId = ObservableKind | 'variance';

export interface ObservableDescriptor {
  id: ObservableId;
  label: string;
  /** the diagram kind whose classes make up its series (variance: those of φ² and φ) */
  diagrams: ObservableKind;
  /** the tensor the root with k children carries */
  root: string;
  /** the root is a training point: it joins parts and its row is averaged over the N points */
  rootIsTrainingPoint: boolean;
  /** roots with more children than this contribute 0 (Infinity: every shape contributes) */
  maxRootChildren: number;
  /** how the simulation evaluates it per trajectory at a recorded step */
  simulation: string;
}

export const OBSERVABLE_DESCRIPTORS: readonly ObservableDescriptor[] = [
  {
    id: 'test-loss',
    label: 'Test loss',
    diagrams: 'test-loss',
    root: '∇^k l, the population loss (its own part)',
    rootIsTrainingPoint: false,
    maxRootChildren: Infinity,
    simulation: "l(θ_t) over the law's points (atoms exactly, normals by Gauss–Hermite)",
  },
  {
    id: 'train-loss',
    label: 'Train loss',
    diagrams: 'train-loss',
    root: "∇^k l_x, x the root's training point (weight 1/N per point)",
    rootIsTrainingPoint: true,
    maxRootChildren: Infinity,
    simulation: "the mean of l_{x_n}(θ_t) over the trajectory's N training points",
  },
  {
    id: 'weight',
    label: 'Weight',
    diagrams: 'weight',
    root: 'θ₀^λ with no child, e_λ with one (φ = θ^λ)',
    rootIsTrainingPoint: false,
    maxRootChildren: 1,
    simulation: 'the coordinate θ_t^λ',
  },
  {
    id: 'formula',
    label: 'Formula φ(θ)',
    diagrams: 'formula',
    root: '∇^k φ(θ₀), φ a formula over the weights (its own part)',
    rootIsTrainingPoint: false,
    maxRootChildren: Infinity,
    simulation: 'φ(θ_t), compiled from the formula',
  },
  {
    id: 'variance',
    label: 'Variance of φ(θ)',
    diagrams: 'formula',
    root: 'E[φ²] − E[φ]²: the formula series of φ² and of φ',
    rootIsTrainingPoint: false,
    maxRootChildren: Infinity,
    simulation: 'the sample variance of φ(θ_t) across trajectories',
  },
];

export function observableDescriptor(id: ObservableId): ObservableDescriptor {
  const d = OBSERVABLE_DESCRIPTORS.find((o) => o.id === id);
  if (!d) throw new Error(`unknown observable "${String(id)}"`);
  return d;
}

/** The diagram kinds, for enumerations and pickers (variance has no classes of its own). */
export const DIAGRAM_KINDS: readonly ObservableKind[] = OBSERVABLE_DESCRIPTORS.filter((o) => o.id !== 'variance').map(
  (o) => o.id as ObservableKind,
);

/**
 * Var[φ] = E[φ²] − E[φ]² as series in η, truncated consistently: coefficient k is
 * s_k − Σ_{i+j=k} m_i m_j, for k up to the shorter of the two.
 */
export function varianceSeries(meanSquare: readonly number[], mean: readonly number[]): number[] {
  const n = Math.min(meanSquare.length, mean.length);
  const out: number[] = [];
  for (let k = 0; k < n; k++) {
    let sq = 0;
    for (let i = 0; i <= k; i++) sq += mean[i] * mean[k - i];
    out.push(meanSquare[k] - sq);
  }
  return out;
}
