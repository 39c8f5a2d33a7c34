// Random general cases for the oracle tests: a polynomial case of polyscenario.ts plus a
// polynomial observable φ (its mean or its variance) and an optional preconditioner P, and the
// engine's inputs for them (node-tensor law, observable specs, P applied).
import fc from 'fast-check';
import { Rational } from './rational';
import type { BruteObservable, BruteOptions } from './bruteforce';
import { arbitraryPolyCase, parsePolynomialLoss, type PolyCase } from './polyscenario';
import { type Poly, polyFromTerms, polyMul } from './polyseries';
import { polyTensorLaw } from './polylaw';
import { precondition } from '../preconditioner';
import type { ObservableSpec, TensorLaw } from '../values';

export interface GeneralCase {
  base: PolyCase;
  observable: BruteObservable;
  /** P as rationals (rows), or undefined for the scalar learning rate */
  P?: Rational[][];
}

const monomials = (dim: number, maxDegree: number): number[][] =>
  dim === 0
    ? [[]]
    : Array.from({ length: maxDegree + 1 }, (_, a) => monomials(dim - 1, maxDegree - a).map((r) => [a, ...r])).flat();

/** φ: 1–3 monomials of total degree ≤ 3, coefficients k/4. */
export function arbitraryPhi(dim: number): fc.Arbitrary<Poly> {
  const monos = monomials(dim, 3);
  return fc.uniqueArray(fc.integer({ min: 0, max: monos.length - 1 }), { minLength: 1, maxLength: 3 }).chain((idx) =>
    fc
      .array(
        fc.integer({ min: -6, max: 6 }).filter((k) => k !== 0),
        { minLength: idx.length, maxLength: idx.length },
      )
      .map((ks) =>
        polyFromTerms(
          dim,
          idx.map((j, i) => ({ alpha: [...monos[j]], coef: Rational.of(ks[i], 4) })),
        ),
      ),
  );
}

/** P: diagonal with entries k/4 (k = 1..8), or L Lᵀ with L lower triangular (dyadic, exact). */
export function arbitraryP(dim: number): fc.Arbitrary<Rational[][]> {
  const diag = fc
    .array(fc.integer({ min: 1, max: 8 }), { minLength: dim, maxLength: dim })
    .map((ks) =>
      ks.map((k, i) => Array.from({ length: dim }, (_, j) => (i === j ? Rational.of(k, 4) : Rational.ZERO))),
    );
  const full = fc
    .record({
      d: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: dim, maxLength: dim }),
      off: fc.array(fc.integer({ min: -4, max: 4 }), { minLength: dim * dim, maxLength: dim * dim }),
    })
    .map(({ d, off }) => {
      const L = Array.from({ length: dim }, (_, i) =>
        Array.from({ length: dim }, (_, j) =>
          i === j ? Rational.of(d[i], 4) : j < i ? Rational.of(off[i * dim + j], 4) : Rational.ZERO,
        ),
      );
      return L.map((_, i) => L.map((__, j) => L[i].reduce((s, x, k) => s.add(x.mul(L[j][k])), Rational.ZERO)));
    });
  return fc.oneof(diag, full);
}

export function arbitraryGeneralCase(opts: { order?: number } = {}): fc.Arbitrary<GeneralCase> {
  return arbitraryPolyCase(opts).chain((base) => {
    const dim = base.landscape.dim;
    return fc.record({
      base: fc.constant(base),
      observable: fc.oneof<fc.Arbitrary<BruteObservable>[]>(
        fc.constant<BruteObservable>(base.observable),
        arbitraryPhi(dim).map((formula): BruteObservable => ({ formula })),
        arbitraryPhi(dim).map((variance): BruteObservable => ({ variance })),
      ),
      P: fc.option(arbitraryP(dim), { nil: undefined }),
    });
  });
}

export const bruteOptions = (c: GeneralCase): BruteOptions => (c.P ? { preconditioner: c.P } : {});

/** ∇^0..∇^maxOrder of a polynomial at θ₀. */
export function polyDerivs(p: Poly, theta0: readonly Rational[], maxOrder: number): Float64Array[] {
  const terms = [...p.terms.values()];
  return polyTensorLaw({ dim: p.dim, theta0: [...theta0], atoms: [{ p: Rational.ONE, terms }] }, maxOrder).points[0]
    .derivs;
}

/**
 * The engine's inputs: the law and, for a mean, one observable spec; for a variance the specs of
 * φ² and φ (in that order). With P both are already in the preconditioned coordinates.
 */
export function engineInputs(c: GeneralCase, maxOrder: number): { law: TensorLaw; specs: ObservableSpec[] } {
  const l = c.base.landscape;
  const law = polyTensorLaw(l, maxOrder);
  const theta0 = l.theta0.map((r) => r.toNumber());
  const o = c.observable;
  const formula = (p: Poly): ObservableSpec => ({
    kind: 'formula',
    rootDerivs: polyDerivs(p, l.theta0, maxOrder),
  });
  const specs: ObservableSpec[] =
    typeof o === 'string'
      ? [{ kind: o }]
      : 'weight' in o
        ? [{ kind: 'weight', index: o.weight, theta0 }]
        : 'formula' in o
          ? [formula(o.formula)]
          : [formula(polyMul(o.variance, o.variance)), formula(o.variance)];
  if (!c.P) return { law, specs };
  const P = Float64Array.from(c.P.flat(), (r) => r.toNumber());
  const out = specs.map((s) => precondition(law, s, P));
  return { law: out[0].law, specs: out.map((x) => x.obs) };
}

/**
 * A polynomial φ over the weights as written in the reference files: sums of products of
 * numbers, parenthesised fractions such as (1/2), and weights with integer powers.
 */
export function polyFromFormula(src: string, weights: readonly string[], num: (x: number) => Rational): Poly {
  const plain = src.replace(/\((-?\d+)(?:\/(\d+))?\)/g, (_m, p: string, q?: string) =>
    String(Number(p) / Number(q ?? 1)),
  );
  const terms = parsePolynomialLoss(plain, weights, new Set(), num);
  return polyFromTerms(
    weights.length,
    terms.map((t) => ({ alpha: t.alpha, coef: t.coef })),
  );
}
