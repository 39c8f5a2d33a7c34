// Cost of the derivative tensors of a landscape (Taylor mode, jet.ts), estimated from the sizes
// before the jet space or any tensor is built (theory/budget.ts).
import { Cost } from '../theory/budget';
import { jetSpaceSize } from './jetspace';

export const TENSOR_ADVICE = 'use fewer weights, a lower order, or a data law with fewer points';

/**
 * ∇^0..∇^order l_x at θ₀ for every law point: per point one jet per formula node (a product or a
 * composition costs up to `order` table passes), then dim^k entries per tensor.
 */
export function tensorLawCost(dim: number, order: number, points: number, formulaNodes: number): Cost {
  const { size, pairs } = jetSpaceSize(dim, order);
  let entries = 0;
  for (let k = 0; k <= order; k++) entries += dim ** k;
  return new Cost()
    .add(`the jet product table (${dim} weights, order ${order})`, pairs * (dim + 3), pairs * 40 + size * (dim + 24))
    .add(
      `Taylor-mode evaluation at ${points} data points`,
      points * formulaNodes * pairs * Math.max(1, order),
      formulaNodes * size * 8,
    )
    .add(
      `the derivative tensors (${points} points × ${dim}^k entries up to k = ${order})`,
      points * entries,
      (points + 2) * entries * 8,
    );
}
