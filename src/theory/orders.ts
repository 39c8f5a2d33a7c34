// The perturbative orders the product serves (order = number of edges = power of η), written once.
// A diagram with m edges needs derivatives up to ∇^m (a root with m children, or a non-root node
// with m − 1), so an order limit is also a derivative limit. Other limits are different things:
// MAX_TENSOR_ORDER (landscape, 12) is what Taylor mode builds at all, MAX_EDITOR_EDGES (app, 9) is
// how large a drawn diagram may be, and neither is an order the theory is summed to.

/**
 * The highest order the explorer offers: its order menu, permalinks, the diagram catalogue, the
 * truncation allowance (which therefore has no order above it to look at) and the derivatives it
 * computes for a drawn diagram. Order 6 (5 861 to 24 533 classes) is over the prediction budget
 * for every schedule, so the page stops here.
 */
export const MAX_ORDER = 5;

/** The explorer's orders 0..MAX_ORDER. */
export const ORDERS: readonly number[] = Array.from({ length: MAX_ORDER + 1 }, (_, k) => k);

/**
 * The highest order a scenario file (CLI `predict`) and CLI `diagrams --edges` accept, one above
 * the explorer's: six-edge diagrams are still enumerated in seconds (CLASS_COUNTS lists them), and
 * whether a prediction at that order fits is answered by the budget (cost.ts), naming the cost.
 */
export const MAX_SCENARIO_ORDER = MAX_ORDER + 1;

/** Whether `k` is an integer order 0..max. */
export const isOrder = (k: unknown, max: number): k is number =>
  typeof k === 'number' && Number.isInteger(k) && k >= 0 && k <= max;
