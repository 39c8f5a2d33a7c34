// Every optimizer the engines run, described once: the plan, the kernel generator, the CPU twin,
// the explorer's labels and skip rules and the CLI read this table. A new optimizer is a record
// here, its update in shaders/step.wgsl and src/sim/cpu/model.ts (both switch on `code`/`id`
// exhaustively), and a test.

export interface OptimizerDescriptor {
  id: string;
  /** short name on the page and in plots */
  label: string;
  /** one line saying what it does */
  title: string;
  /** the kernel's OPT code: step.wgsl has one branch per code */
  code: number;
  /** steps on the training set (else on the population law, with no training set to score) */
  trainingSet: boolean;
  /** every update uses all N points */
  fullBatch: boolean;
  /** needs the loss Hessian per point */
  hessian: boolean;
  /** sub-steps per update when none are asked for */
  defaultSubsteps: number;
  /** loss-gradient evaluations per trajectory and update, to size the engines' chunks of work */
  stepCost: (s: StepShape) => number;
}

/** What an update's cost depends on. */
export interface StepShape {
  /** points in one update's batch (for explicit batches, their mean size) */
  batch: number;
  N: number;
  substeps: number;
  /** points of the population law's quadrature */
  Q: number;
}

export const OPTIMIZER_TABLE = [
  {
    id: 'sgd',
    label: 'SGD',
    title: 'stochastic gradient descent on the schedule',
    code: 0,
    trainingSet: true,
    fullBatch: false,
    hessian: false,
    defaultSubsteps: 1,
    stepCost: (s) => s.batch,
  },
  {
    id: 'gd',
    label: 'GD',
    title: 'full-batch gradient descent on the same N points',
    code: 1,
    trainingSet: true,
    fullBatch: true,
    hessian: false,
    defaultSubsteps: 1,
    stepCost: (s) => s.N,
  },
  {
    id: 'gdc',
    label: 'GDC',
    title: 'GD with the covariance correction that matches SGD at order η²',
    code: 2,
    trainingSet: true,
    fullBatch: true,
    hessian: true,
    defaultSubsteps: 1,
    // the gradient, and the correction's two sweeps
    stepCost: (s) => 3 * s.N,
  },
  {
    id: 'sde',
    label: 'SDE',
    title: 'the same steps with Gaussian noise of the same covariance',
    code: 3,
    trainingSet: false,
    fullBatch: false,
    hessian: false,
    defaultSubsteps: 1,
    stepCost: (s) => s.substeps * (s.Q + 1),
  },
  {
    id: 'ode',
    label: 'ODE',
    title: 'gradient flow on the population loss',
    code: 4,
    trainingSet: false,
    fullBatch: false,
    hessian: false,
    defaultSubsteps: 16,
    // RK4
    stepCost: (s) => s.substeps * 4 * (s.Q + 1),
  },
] as const satisfies readonly OptimizerDescriptor[];

export type Optimizer = (typeof OPTIMIZER_TABLE)[number]['id'];
export const OPTIMIZERS: readonly Optimizer[] = OPTIMIZER_TABLE.map((o) => o.id);

export function optimizerInfo(id: Optimizer): OptimizerDescriptor {
  return OPTIMIZER_TABLE.find((o) => o.id === id)!;
}

export const isOptimizer = (s: unknown): s is Optimizer =>
  typeof s === 'string' && (OPTIMIZERS as string[]).includes(s);

/** Why an optimizer cannot score the train loss (null when it can). */
export function trainLossRefusal(id: Optimizer): string | null {
  return optimizerInfo(id).trainingSet
    ? null
    : `${optimizerInfo(id).label} has no training set (it steps on the population law)`;
}
