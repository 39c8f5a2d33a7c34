// Public API of the landscape layer: loss formula + data law → numbers and code.

export type { Expr, BinOp, FnName, ConstName } from './formula/ast';
export {
  FUNCTIONS,
  CONSTANTS,
  isIdentifier,
  reservedNameProblem,
  evaluate,
  exprEqual,
  exprSize,
  dependsOn,
} from './formula/ast';
export { FormulaError, parseFormula, freeVariables, printExpr, checkVariables } from './formula/parse';
export { simplify } from './formula/simplify';
export { diff, gradient, hessian } from './formula/diff';
export { buildDag } from './formula/dag';
export type { Dag, DagNode } from './formula/dag';
export { compileJS, compileJSMulti, compileWGSL, compileWGSLFunction, wgslFloat } from './formula/compile';
export type { Values, WGSLFunction, WGSLFunctionOptions } from './formula/compile';

export { JetSpace } from './jetspace';
export { JetProgram, derivativeTensors } from './jet';

export { gaussHermite, MAX_HERMITE_NODES } from './quadrature';
export type { Quadrature } from './quadrature';
export { parseDataLaw, lawPoints, dataVariables, isAtomsLaw, DataLawError, MAX_LAW_POINTS } from './data';
export type { DataLaw, AtomsLaw, NormalLaw, Atom, NormalVar, LawPoint } from './data';

export { Landscape, makeLandscape, LandscapeError, MAX_TENSOR_ORDER } from './landscape';
export type { LandscapeSpec, NodeTensorLaw } from './landscape';

export {
  ARCHIMEDES,
  GAUSS,
  archimedesTilt,
  meanEstimationCovector,
  meanEstimationVector,
  BUILTIN_LANDSCAPES,
  BUILTIN_IDS,
} from './builtins';
export type { LandscapeFragment, DescribedLandscape, BuiltinLandscape, BuiltinParam, BuiltinId } from './builtins';
