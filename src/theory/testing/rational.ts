// Exact rational numbers on BigInt, for the brute-force test oracle.
//
// Invariants of every Rational value: den > 0, gcd(|num|, den) = 1, and the sign lives in num
// (zero is 0/1). Values are immutable.

function absBig(a: bigint): bigint {
  return a < 0n ? -a : a;
}

function gcdBig(a: bigint, b: bigint): bigint {
  a = absBig(a);
  b = absBig(b);
  while (b !== 0n) {
    const r = a % b;
    a = b;
    b = r;
  }
  return a;
}

/** Number of bits of a non-negative BigInt (0 for 0). */
function bitLength(a: bigint): number {
  return a === 0n ? 0 : a.toString(2).length;
}

/** x · 2^k without intermediate overflow or underflow of the scale factor. */
function ldexp(x: number, k: number): number {
  while (k > 1000) {
    x *= 2 ** 1000;
    k -= 1000;
  }
  while (k < -1000) {
    x *= 2 ** -1000;
    k += 1000;
  }
  return x * 2 ** k;
}

const TWO_53 = 2n ** 53n;

function toBig(x: bigint | number, what: string): bigint {
  if (typeof x === 'bigint') return x;
  if (!Number.isSafeInteger(x)) throw new RangeError(`Rational: ${what} ${x} is not a safe integer`);
  return BigInt(x);
}

export class Rational {
  readonly num: bigint;
  readonly den: bigint;

  /** Trusted constructor: callers guarantee the invariants. Use Rational.of otherwise. */
  private constructor(num: bigint, den: bigint) {
    this.num = num;
    this.den = den;
  }

  static readonly ZERO = new Rational(0n, 1n);
  static readonly ONE = new Rational(1n, 1n);

  /** num/den, normalised. Numbers must be safe integers. */
  static of(num: bigint | number, den: bigint | number = 1n): Rational {
    let n = toBig(num, 'numerator');
    let d = toBig(den, 'denominator');
    if (d === 0n) throw new RangeError('Rational: zero denominator');
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    if (n === 0n) return Rational.ZERO;
    const g = gcdBig(n, d);
    return g === 1n ? new Rational(n, d) : new Rational(n / g, d / g);
  }

  /** The exact value of a finite double (e.g. 1/3 as a double is a dyadic fraction, not 1/3). */
  static fromNumber(x: number): Rational {
    if (!Number.isFinite(x)) throw new RangeError(`Rational.fromNumber: ${x} is not finite`);
    if (x === 0) return Rational.ZERO;
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, x);
    const hi = view.getUint32(0);
    const lo = view.getUint32(4);
    const negative = hi >>> 31 === 1;
    const biased = (hi >>> 20) & 0x7ff;
    let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
    let exponent: number;
    if (biased === 0) {
      exponent = -1074; // subnormal: mantissa · 2^-1074
    } else {
      mantissa |= 1n << 52n;
      exponent = biased - 1075;
    }
    if (negative) mantissa = -mantissa;
    return exponent >= 0
      ? Rational.of(mantissa << BigInt(exponent), 1n)
      : Rational.of(mantissa, 1n << BigInt(-exponent));
  }

  /**
   * The fraction with the smallest denominator ≤ maxDen whose nearest double is exactly x
   * (0.3333333333333333 → 1/3); the exact value of x when there is none.
   */
  static snap(x: number, maxDen = 1000): Rational {
    if (!Number.isFinite(x)) throw new RangeError(`Rational.snap: ${x} is not finite`);
    for (let q = 1; q <= maxDen; q++) {
      const p = Math.round(x * q);
      if (Number.isSafeInteger(p) && p / q === x) return Rational.of(p, q);
    }
    return Rational.fromNumber(x);
  }

  /** "a", "a/b", "-a/b", or a decimal such as "-1.25" / "3e-2" (read exactly). */
  static parse(s: string): Rational {
    const t = s.trim();
    let m = /^([+-]?\d+)(?:\s*\/\s*([+-]?\d+))?$/.exec(t);
    if (m) return Rational.of(BigInt(m[1]), m[2] === undefined ? 1n : BigInt(m[2]));
    m = /^([+-]?)(\d*)\.?(\d*)(?:[eE]([+-]?\d+))?$/.exec(t);
    if (m && (m[2] !== '' || m[3] !== '')) {
      const digits = BigInt((m[2] || '0') + m[3]);
      const exp = (m[4] === undefined ? 0 : Number(m[4])) - m[3].length;
      const signed = m[1] === '-' ? -digits : digits;
      return exp >= 0 ? Rational.of(signed * 10n ** BigInt(exp), 1n) : Rational.of(signed, 10n ** BigInt(-exp));
    }
    throw new SyntaxError(`Rational.parse: cannot read "${s}"`);
  }

  add(o: Rational): Rational {
    if (this.den === o.den) return Rational.of(this.num + o.num, this.den);
    return Rational.of(this.num * o.den + o.num * this.den, this.den * o.den);
  }

  sub(o: Rational): Rational {
    return this.add(o.neg());
  }

  mul(o: Rational): Rational {
    if (this.num === 0n || o.num === 0n) return Rational.ZERO;
    return Rational.of(this.num * o.num, this.den * o.den);
  }

  div(o: Rational): Rational {
    if (o.num === 0n) throw new RangeError('Rational: division by zero');
    return Rational.of(this.num * o.den, this.den * o.num);
  }

  neg(): Rational {
    return this.num === 0n ? this : new Rational(-this.num, this.den);
  }

  abs(): Rational {
    return this.num < 0n ? new Rational(-this.num, this.den) : this;
  }

  inv(): Rational {
    return Rational.ONE.div(this);
  }

  /** this^k for an integer k (negative k inverts; x^0 = 1, including 0^0). */
  pow(k: number): Rational {
    if (!Number.isInteger(k)) throw new RangeError(`Rational.pow: exponent ${k} is not an integer`);
    if (k < 0) return this.inv().pow(-k);
    return Rational.of(this.num ** BigInt(k), this.den ** BigInt(k));
  }

  /** −1, 0 or 1 as this <, =, > o. */
  compare(o: Rational): -1 | 0 | 1 {
    const l = this.num * o.den;
    const r = o.num * this.den;
    return l < r ? -1 : l > r ? 1 : 0;
  }

  equals(o: Rational): boolean {
    return this.num === o.num && this.den === o.den;
  }

  isZero(): boolean {
    return this.num === 0n;
  }

  sign(): -1 | 0 | 1 {
    return this.num < 0n ? -1 : this.num > 0n ? 1 : 0;
  }

  /**
   * The nearest double (round to nearest even for normal results), however large numerator and
   * denominator are: the quotient is formed on ~66 bits with a sticky bit, then scaled.
   * Only a value genuinely outside the double range gives ±Infinity (or underflows to 0).
   */
  toNumber(): number {
    if (this.num === 0n) return 0;
    const negative = this.num < 0n;
    const a = absBig(this.num);
    const b = this.den;
    if (a <= TWO_53 && b <= TWO_53) {
      const v = Number(a) / Number(b); // both exact, one correctly rounded division
      return negative ? -v : v;
    }
    let shift = bitLength(a) - bitLength(b) - 66;
    let q: bigint;
    let r: bigint;
    if (shift >= 0) {
      const d = b << BigInt(shift);
      q = a / d;
      r = a % d;
    } else {
      const n = a << BigInt(-shift);
      q = n / b;
      r = n % b;
    }
    // q has 66 or 67 bits; append a sticky bit so Number(q) rounds exactly like the true ratio.
    q = (q << 1n) | (r === 0n ? 0n : 1n);
    shift -= 1;
    const v = ldexp(Number(q), shift);
    return negative ? -v : v;
  }

  toString(): string {
    return this.den === 1n ? this.num.toString() : `${this.num}/${this.den}`;
  }

  toJSON(): string {
    return this.toString();
  }
}

/** Shorthand: rat(1, 3), rat('1/3'), rat(5n). */
export function rat(num: bigint | number | string, den: bigint | number = 1n): Rational {
  if (typeof num === 'string') return Rational.parse(num).div(Rational.of(den));
  return Rational.of(num, den);
}

export const add = (a: Rational, b: Rational): Rational => a.add(b);
export const sub = (a: Rational, b: Rational): Rational => a.sub(b);
export const mul = (a: Rational, b: Rational): Rational => a.mul(b);
export const div = (a: Rational, b: Rational): Rational => a.div(b);
export const neg = (a: Rational): Rational => a.neg();
export const pow = (a: Rational, k: number): Rational => a.pow(k);
export const compare = (a: Rational, b: Rational): -1 | 0 | 1 => a.compare(b);
export const fromNumber = (x: number): Rational => Rational.fromNumber(x);
export const parse = (s: string): Rational => Rational.parse(s);
export const toNumber = (a: Rational): number => a.toNumber();
