// The node-tensor law of a polynomial landscape, computed directly from its monomials (test
// helper: lets theory tests run without the formula layer).
import type { TensorLaw } from '../values';
import type { PolyLandscape } from './bruteforce';

export function polyTensorLaw(l: PolyLandscape, maxOrder: number): TensorLaw {
  const d = l.dim;
  const theta = l.theta0.map((r) => r.toNumber());
  return {
    dim: d,
    points: l.atoms.map((atom) => {
      const derivs: Float64Array[] = [];
      for (let k = 0; k <= maxOrder; k++) {
        const t = new Float64Array(d ** k);
        for (let flat = 0; flat < t.length; flat++) {
          // multi-index of this entry → derivative counts per coordinate
          const cnt = new Array<number>(d).fill(0);
          let r = flat;
          for (let a = 0; a < k; a++) {
            cnt[r % d]++;
            r = Math.floor(r / d);
          }
          let s = 0;
          for (const term of atom.terms) {
            let v = term.coef.toNumber();
            for (let i = 0; i < d && v !== 0; i++) {
              const p = term.alpha[i];
              if (cnt[i] > p) v = 0;
              else {
                for (let j = 0; j < cnt[i]; j++) v *= p - j;
                v *= theta[i] ** (p - cnt[i]);
              }
            }
            s += v;
          }
          t[flat] = s;
        }
        derivs.push(t);
      }
      return { w: atom.p.toNumber(), derivs };
    }),
  };
}
