// The stated limits of a loss formula, one set for the page, the link and the CLI: the parser
// refuses anything beyond them with a column error, and the link writer never writes more.

export const FORMULA_LIMITS = {
  /** characters of source */
  length: 20_000,
  /** numbers and names (the operands; a sum of n terms has at least n) */
  operands: 2_000,
  /** levels of parentheses, function calls, unary minus and powers inside one another */
  nesting: 100,
} as const;

/**
 * Sums and products with at least this many operands are built as balanced trees (exact
 * regrouping: a − (b − c) for a − b + c), so that a tree's depth grows like log n and no
 * recursive pass over it meets the call-stack limit; shorter chains keep the left-to-right tree.
 */
export const BALANCE_FROM = 16;
