// Truncated power series in η with exact rational coefficients, and multivariate polynomials in
// the weights θ with rational coefficients that can be evaluated at a vector of such series.
// Together they run the SGD recursion symbolically in η for the brute-force test oracle.

import { Rational } from './rational';

// ---------------------------------------------------------------------------------------------
// Series: a_0 + a_1 η + … + a_order η^order, stored as an array of length order + 1.
// All operations take the truncation order explicitly and return arrays of length order + 1.

export type Series = readonly Rational[];

export function seriesZero(order: number): Series {
  return Array.from({ length: order + 1 }, () => Rational.ZERO);
}

export function seriesConst(c: Rational, order: number): Series {
  return Array.from({ length: order + 1 }, (_, k) => (k === 0 ? c : Rational.ZERO));
}

/** η itself (zero when order = 0). */
export function seriesEta(order: number): Series {
  return Array.from({ length: order + 1 }, (_, k) => (k === 1 ? Rational.ONE : Rational.ZERO));
}

/** Coefficient k of a series, zero beyond its stored length. */
function coef(a: Series, k: number): Rational {
  return k < a.length ? a[k] : Rational.ZERO;
}

export function seriesAdd(a: Series, b: Series, order: number): Series {
  return Array.from({ length: order + 1 }, (_, k) => coef(a, k).add(coef(b, k)));
}

export function seriesSub(a: Series, b: Series, order: number): Series {
  return Array.from({ length: order + 1 }, (_, k) => coef(a, k).sub(coef(b, k)));
}

export function seriesScale(a: Series, c: Rational, order: number): Series {
  return Array.from({ length: order + 1 }, (_, k) => coef(a, k).mul(c));
}

/** Cauchy product, truncated after η^order. */
export function seriesMul(a: Series, b: Series, order: number): Series {
  const out: Rational[] = [];
  for (let k = 0; k <= order; k++) {
    let s = Rational.ZERO;
    for (let i = 0; i <= k; i++) {
      const x = coef(a, i);
      const y = coef(b, k - i);
      if (!x.isZero() && !y.isZero()) s = s.add(x.mul(y));
    }
    out.push(s);
  }
  return out;
}

/** η · a, truncated after η^order. */
export function seriesTimesEta(a: Series, order: number): Series {
  return Array.from({ length: order + 1 }, (_, k) => (k === 0 ? Rational.ZERO : coef(a, k - 1)));
}

export function seriesPow(a: Series, n: number, order: number): Series {
  let out = seriesConst(Rational.ONE, order);
  for (let i = 0; i < n; i++) out = seriesMul(out, a, order);
  return out;
}

export function seriesEquals(a: Series, b: Series): boolean {
  const n = Math.max(a.length, b.length);
  for (let k = 0; k < n; k++) if (!coef(a, k).equals(coef(b, k))) return false;
  return true;
}

export function seriesToStrings(a: Series): string[] {
  return a.map((c) => c.toString());
}

// ---------------------------------------------------------------------------------------------
// Polynomials in θ_0..θ_{dim-1}: Σ coef · θ^alpha with rational coefficients.

export interface Monomial {
  alpha: number[];
  coef: Rational;
}

export interface Poly {
  readonly dim: number;
  /** keyed by alpha.join(','); no zero coefficients are stored */
  readonly terms: ReadonlyMap<string, Monomial>;
}

function checkAlpha(alpha: readonly number[], dim: number): void {
  if (alpha.length !== dim) throw new RangeError(`monomial exponent ${alpha} has length ≠ dim ${dim}`);
  for (const a of alpha) if (!Number.isInteger(a) || a < 0) throw new RangeError(`bad monomial exponent ${alpha}`);
}

/** Σ coef·θ^alpha; repeated exponents are summed. */
export function polyFromTerms(dim: number, terms: readonly Monomial[]): Poly {
  const map = new Map<string, Monomial>();
  for (const t of terms) {
    checkAlpha(t.alpha, dim);
    const key = t.alpha.join(',');
    const old = map.get(key);
    const c = old ? old.coef.add(t.coef) : t.coef;
    if (c.isZero()) map.delete(key);
    else map.set(key, { alpha: [...t.alpha], coef: c });
  }
  return { dim, terms: map };
}

export function polyZero(dim: number): Poly {
  return { dim, terms: new Map() };
}

export function polyAdd(p: Poly, q: Poly): Poly {
  if (p.dim !== q.dim) throw new RangeError('polyAdd: dimensions differ');
  return polyFromTerms(p.dim, [...p.terms.values(), ...q.terms.values()]);
}

export function polyScale(p: Poly, c: Rational): Poly {
  return polyFromTerms(
    p.dim,
    [...p.terms.values()].map((t) => ({ alpha: t.alpha, coef: t.coef.mul(c) })),
  );
}

/** ∂p/∂θ_i. */
export function polyDerivative(p: Poly, i: number): Poly {
  const out: Monomial[] = [];
  for (const t of p.terms.values()) {
    const k = t.alpha[i];
    if (k === 0) continue;
    const alpha = [...t.alpha];
    alpha[i] = k - 1;
    out.push({ alpha, coef: t.coef.mul(Rational.of(k)) });
  }
  return polyFromTerms(p.dim, out);
}

export function polyGradient(p: Poly): Poly[] {
  return Array.from({ length: p.dim }, (_, i) => polyDerivative(p, i));
}

export function polyDegree(p: Poly): number {
  let d = 0;
  for (const t of p.terms.values())
    d = Math.max(
      d,
      t.alpha.reduce((s, a) => s + a, 0),
    );
  return d;
}

/** p(θ) at a rational point. */
export function polyEvalRational(p: Poly, theta: readonly Rational[]): Rational {
  let s = Rational.ZERO;
  for (const t of p.terms.values()) {
    let m = t.coef;
    t.alpha.forEach((a, i) => {
      m = m.mul(theta[i].pow(a));
    });
    s = s.add(m);
  }
  return s;
}

/** p(θ) where every θ_i is a series in η; the result is truncated after η^order. */
export function polyEvalSeries(p: Poly, theta: readonly Series[], order: number): Series {
  // powers[i][k] = θ_i^k, computed once per coordinate up to the largest exponent used.
  const maxExp = Array.from({ length: p.dim }, () => 0);
  for (const t of p.terms.values()) t.alpha.forEach((a, i) => (maxExp[i] = Math.max(maxExp[i], a)));
  const powers: Series[][] = maxExp.map((m, i) => {
    const list: Series[] = [seriesConst(Rational.ONE, order)];
    for (let k = 1; k <= m; k++) list.push(seriesMul(list[k - 1], theta[i], order));
    return list;
  });
  let sum = seriesZero(order);
  for (const t of p.terms.values()) {
    let m: Series = seriesConst(t.coef, order);
    t.alpha.forEach((a, i) => {
      if (a > 0) m = seriesMul(m, powers[i][a], order);
    });
    sum = seriesAdd(sum, m, order);
  }
  return sum;
}

/** p·q. */
export function polyMul(p: Poly, q: Poly): Poly {
  if (p.dim !== q.dim) throw new RangeError('polyMul: dimensions differ');
  const out: Monomial[] = [];
  for (const a of p.terms.values())
    for (const b of q.terms.values())
      out.push({ alpha: a.alpha.map((x, i) => x + b.alpha[i]), coef: a.coef.mul(b.coef) });
  return polyFromTerms(p.dim, out);
}
