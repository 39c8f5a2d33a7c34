import { describe, expect, it } from 'vitest';
import { driftReference } from './landscapes';

describe('driftReference: a landscape draws its own drift law, no other', () => {
  it('ARCHIMEDES observed in z: η²/6 per step', () => {
    const law = driftReference('archimedes', {}, 'z')!;
    expect(law.label).toBe('η²/6');
    const at = (eta: number) => law.coefficients.reduceRight((acc, c) => acc * eta + c, 0);
    expect(at(0.1)).toBeCloseTo(0.01 / 6, 15);
  });
  it('with a tilt ε: η²/6 − εη', () => {
    const law = driftReference('archimedes-tilt', { eps: 0.02 }, 'z')!;
    expect(law.label).toBe('η²/6 − 0.02·η');
    expect(law.coefficients).toEqual([0, -0.02, 1 / 6]);
  });
  it('none for another weight, a loss observable, other landscapes or a custom formula', () => {
    expect(driftReference('archimedes', {}, 'u')).toBeNull();
    expect(driftReference('archimedes', {}, null)).toBeNull();
    expect(driftReference('gauss', {}, 'h')).toBeNull();
    expect(driftReference('custom', {}, 'w')).toBeNull();
  });
});
