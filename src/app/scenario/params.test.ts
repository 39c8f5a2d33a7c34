import { describe, expect, it } from 'vitest';
import { OPTIMIZER_TABLE } from '../../sim/optimizers';
import { OPTIMIZERS } from './params';

describe('the page offers the simulation’s optimizers', () => {
  it('in the table’s order, with its labels', () => {
    expect(OPTIMIZERS.map((o) => [o.id, o.label])).toEqual(OPTIMIZER_TABLE.map((o) => [o.id, o.label]));
  });
});
