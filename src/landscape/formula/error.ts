// The one error type of the formula layer: it always says where (a 0-based offset into the
// formula source, reported 1-based as a column) and what was expected there.
import { InputError } from '../../theory/errors';

export class FormulaError extends InputError {
  /** 0-based character offset into the formula source (-1 when there is no source position). */
  readonly pos: number;
  /** What would have been valid at `pos`, in words (e.g. "an operand after '*'"). */
  readonly expected: string;

  constructor(message: string, pos: number, expected: string) {
    super(message);
    this.name = 'FormulaError';
    this.pos = pos;
    this.expected = expected;
  }
}

/** Builds the standard message `formula error at column C: expected X, found Y`. */
export function expectedError(pos: number, expected: string, found: string): FormulaError {
  return new FormulaError(`formula error at column ${pos + 1}: expected ${expected}, found ${found}`, pos, expected);
}
