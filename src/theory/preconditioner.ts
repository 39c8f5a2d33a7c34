// A tensor learning rate (theory.md §5b): every update is θ ← θ − (η/|B_t|)·P·Σ ∇l_n(θ) with P
// symmetric positive definite, an inverse metric on the edges. In the coordinates ψ with
// θ = θ₀ + P^{1/2}ψ the update is plain SGD on l(θ₀ + P^{1/2}ψ), so the engine transforms every
// node tensor and the observable's root by P^{1/2} and runs unchanged; the resummed
// propagators become I − ηP^{1/2}HP^{1/2}, similar to K = I − ηPH.
import { symmetricEigen } from './linalg';
import { type ObservableSpec, type TensorLaw, rotateLaw, transformObservable } from './values';

export class PreconditionerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PreconditionerError';
  }
}

/** A preconditioner as written in a scenario: its diagonal, or the full matrix (rows). */
export type PreconditionerJSON = number[] | number[][];

const fmt = (x: unknown): string => JSON.stringify(x) ?? String(x);

/**
 * Validate P against the number of weights and return it row-major. Errors name the entry
 * (non-finite, non-positive diagonal entry, asymmetric pair) or the offending eigenvalue.
 */
export function parsePreconditioner(raw: unknown, dim: number, path = 'preconditioner'): Float64Array {
  if (!Array.isArray(raw)) {
    throw new PreconditionerError(
      `${path}: expected a list of ${dim} positive numbers (a diagonal) or a ${dim}×${dim} matrix`,
    );
  }
  if (raw.length !== dim) {
    throw new PreconditionerError(`${path}: has ${raw.length} entries but there are ${dim} weights`);
  }
  const P = new Float64Array(dim * dim);
  if (raw.every((r) => !Array.isArray(r))) {
    raw.forEach((x, i) => {
      if (typeof x !== 'number' || !Number.isFinite(x))
        throw new PreconditionerError(`${path}[${i}]: expected a finite number, got ${fmt(x)}`);
      if (x <= 0)
        throw new PreconditionerError(`${path}[${i}]: a diagonal preconditioner needs positive entries, got ${x}`);
      P[i * dim + i] = x;
    });
    return P;
  }
  raw.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== dim) {
      throw new PreconditionerError(
        `${path}[${i}]: expected a row of ${dim} numbers (P is ${dim}×${dim}), got ${fmt(row)}`,
      );
    }
    row.forEach((x, j) => {
      if (typeof x !== 'number' || !Number.isFinite(x))
        throw new PreconditionerError(`${path}[${i}][${j}]: expected a finite number, got ${fmt(x)}`);
      P[i * dim + j] = x;
    });
  });
  for (let i = 0; i < dim; i++) {
    for (let j = i + 1; j < dim; j++) {
      const a = P[i * dim + j];
      const b = P[j * dim + i];
      if (Math.abs(a - b) > 1e-12 * Math.max(Math.abs(a), Math.abs(b))) {
        throw new PreconditionerError(`${path}: not symmetric: entry [${i}][${j}] = ${a} but [${j}][${i}] = ${b}`);
      }
    }
  }
  const { values } = symmetricEigen(P, dim);
  const scale = Math.max(...Array.from(values, Math.abs));
  for (const l of values) {
    if (!(l > 1e-12 * scale)) {
      throw new PreconditionerError(
        `${path}: not positive definite: it has the eigenvalue ${Number(l.toPrecision(6))} (all must be > 0)`,
      );
    }
  }
  return P;
}

/** P^{1/2}: the symmetric positive-definite square root (exact for diagonal P). */
export function sqrtSPD(P: ArrayLike<number>, dim: number): Float64Array {
  const R = new Float64Array(dim * dim);
  let diagonal = true;
  for (let i = 0; i < dim; i++) for (let j = 0; j < dim; j++) if (i !== j && P[i * dim + j] !== 0) diagonal = false;
  if (diagonal) {
    for (let i = 0; i < dim; i++) R[i * dim + i] = Math.sqrt(P[i * dim + i]);
    return R;
  }
  const { values, U } = symmetricEigen(P, dim);
  for (let i = 0; i < dim; i++) {
    for (let j = 0; j < dim; j++) {
      let s = 0;
      for (let a = 0; a < dim; a++) s += U[i * dim + a] * Math.sqrt(values[a]) * U[j * dim + a];
      R[i * dim + j] = s;
    }
  }
  return R;
}

/** The law and observable in the coordinates where the preconditioned update is plain SGD. */
export function precondition(
  law: TensorLaw,
  obs: ObservableSpec,
  P: ArrayLike<number>,
): { law: TensorLaw; obs: ObservableSpec } {
  const R = sqrtSPD(P, law.dim);
  return { law: rotateLaw(law, R), obs: transformObservable(obs, R, law.dim) };
}
