// Test support: fast-check arbitraries for hostile input — scenario files mutated field by field
// (wrong types, extreme numbers, odd schedules) and formulas (deep nesting, huge sums, odd
// identifiers, literals beyond f32, 0/0). Shared by the fuzz suites of the CLI, the page's
// formula field and the permalink.
import fc from 'fast-check';

export const extremeNumber = fc.constantFrom(
  0,
  -0,
  1,
  -1,
  0.5,
  3.5,
  -7,
  1e-300,
  5e-324,
  1e-7,
  1e308,
  -1e308,
  1e39,
  -1e39,
  2 ** 31,
  2 ** 53,
  1e9,
  1e15,
);

/** Any JSON value of a small size (type confusion). */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  extremeNumber,
  fc.string({ maxLength: 6 }),
  fc.constant(null),
  fc.boolean(),
  fc.array(extremeNumber, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 4 }), extremeNumber, { maxKeys: 2 }),
);

const ODD_NAMES = [
  '__x',
  'e',
  'pi',
  'sin',
  'w1w',
  'constructor',
  '__proto__',
  'toString',
  'Infinity',
  'NaN',
  'ŵ',
  '1w',
  '',
];
const ATOMS = [
  '1e39*w^2',
  'w^2/0 + x*w',
  'log(w)',
  'sqrt(-1)*w',
  'exp(1000*w)',
  'w^-1',
  '0/0',
  '1e308*1e308*w',
  'w^2 + x*w',
  'w^2^2^2^2',
  '-(-(-w))',
  '2x',
  'w**2',
  'sin(w',
  'w)',
  'tanh(w)*x',
  'e^w*pi',
  'w^0.5',
  '1e-320*w^2',
  '.5*w^2',
];

/** Formulas over the names `vars`: small random trees, and the hostile shapes. */
export function formula(vars: readonly string[]): fc.Arbitrary<string> {
  const leaf = fc.oneof(
    fc.constantFrom(...vars),
    extremeNumber.map((x) => String(Math.abs(x))),
    fc.constantFrom('pi', 'e'),
  );
  const tree = fc.letrec<{ f: string }>((tie) => ({
    f: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.tuple(tie('f'), fc.constantFrom('+', '-', '*', '/', '^'), tie('f')).map(([a, op, b]) => `(${a})${op}(${b})`),
      fc.tuple(fc.constantFrom('sin', 'cos', 'exp', 'log', 'sqrt', 'tanh'), tie('f')).map(([fn, a]) => `${fn}(${a})`),
      tie('f').map((a) => `-${a}`),
    ),
  })).f;
  return fc.oneof(
    { arbitrary: tree, weight: 4 },
    { arbitrary: fc.constantFrom(...ATOMS), weight: 3 },
    {
      arbitrary: fc.integer({ min: 1, max: 400 }).map((n) => '('.repeat(n) + vars[0] + ')'.repeat(n)),
      weight: 1,
    },
    { arbitrary: fc.integer({ min: 1, max: 300 }).map((n) => '-'.repeat(n) + vars[0]), weight: 1 },
    {
      arbitrary: fc
        .integer({ min: 10, max: 9000 })
        .map((n) => Array.from({ length: n }, (_, i) => `${(i % 7) / 10}*${vars[i % vars.length]}`).join(' + ')),
      weight: 1,
    },
    {
      arbitrary: fc
        .integer({ min: 10, max: 3000 })
        .map((n) => Array.from({ length: n }, (_, i) => vars[i % vars.length]).join('*')),
      weight: 1,
    },
    { arbitrary: fc.constantFrom(...ODD_NAMES).map((v) => `${v}*${vars[0]}^2`), weight: 1 },
    { arbitrary: fc.string({ maxLength: 30 }), weight: 1 },
  );
}

/** Valid scenarios to start from (one-epoch atoms, a normal law in three weights, a 2-D model). */
export const BASES: Record<string, unknown>[] = [
  {
    weights: ['w'],
    init: [0.3],
    loss: 'w^4/4 + x*w + w^2/2',
    data: {
      atoms: [
        { p: 0.5, values: { x: 1 } },
        { p: 0.5, values: { x: -1 } },
      ],
    },
    schedule: { N: 4, B: 1, epochs: 1, shuffle: false },
    observable: 'test-loss',
    order: 3,
    eta: 0.05,
  },
  {
    weights: ['u', 'v', 'z'],
    init: [0, 0, 0],
    loss: '0.5*(u^2 + v^2 + (cos(z)*u + sin(z)*v)^2) + x*(cos(z - pi/4)*u + sin(z - pi/4)*v)',
    data: { normal: { x: { mean: 0, std: 1 } } },
    schedule: { N: 100, B: 1, epochs: 1, shuffle: false },
    observable: { weight: 'z' },
    order: 3,
    eta: 0.02,
  },
  {
    weights: ['a', 'b'],
    init: [0.1, -0.2],
    loss: 'a^2 + a*b + b^2/2 + x*a - x*b^3/3',
    data: {
      atoms: [
        { p: 0.25, values: { x: 2 } },
        { p: 0.75, values: { x: -1 } },
      ],
    },
    schedule: { N: 6, B: 2, epochs: 2, shuffle: true },
    observable: 'train-loss',
    order: 2,
    eta: 0.1,
  },
];

const schedule = fc.oneof(
  fc.record({
    N: fc.oneof(fc.integer({ min: 1, max: 40 }), extremeNumber, anyJson),
    B: fc.oneof(fc.integer({ min: 1, max: 8 }), extremeNumber),
    epochs: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.constantFrom(1e8, 3e8, 1e9, 0, -1, 2.5)),
    shuffle: fc.oneof(fc.boolean(), anyJson),
  }),
  fc.record({
    N: fc.integer({ min: 1, max: 12 }),
    batches: fc.array(fc.array(fc.integer({ min: -1, max: 12 }), { minLength: 0, maxLength: 4 }), {
      maxLength: 40,
    }),
  }),
  anyJson,
);

const dataLaw = fc.oneof(
  fc
    .array(
      fc.record({
        p: fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), extremeNumber),
        values: fc.record({ x: extremeNumber }),
      }),
      {
        minLength: 1,
        maxLength: 4,
      },
    )
    .map((atoms) => ({ atoms })),
  fc.record({ mean: extremeNumber, std: extremeNumber }).map((x) => ({ normal: { x } })),
  anyJson,
);

const FIELDS = ['weights', 'init', 'loss', 'data', 'schedule', 'observable', 'order', 'eta'];

/** One mutation of a scenario object (applied in place to a copy). */
function mutation(vars: readonly string[]): fc.Arbitrary<(o: Record<string, unknown>) => void> {
  const set = (k: string) => (v: unknown) => (o: Record<string, unknown>) => void (o[k] = v);
  return fc.oneof(
    fc.tuple(fc.constantFrom(...FIELDS, 'colour', '__proto__'), anyJson).map(([k, v]) => set(k)(v)),
    formula(vars).map(set('loss')),
    formula(vars).map(set('loss')),
    schedule.map(set('schedule')),
    fc.integer({ min: -1, max: 8 }).map(set('order')),
    fc.oneof(extremeNumber, fc.double({ min: 1e-6, max: 20, noNaN: true })).map(set('eta')),
    fc.array(extremeNumber, { minLength: vars.length, maxLength: vars.length }).map(set('init')),
    dataLaw.map(set('data')),
    fc
      .oneof(
        fc.constantFrom('test-loss', 'train-loss', 'weight'),
        fc.constantFrom(...vars).map((weight) => ({ weight })),
      )
      .map(set('observable')),
    fc.constantFrom(...FIELDS).map((k) => (o: Record<string, unknown>) => void delete o[k]),
    fc.integer({ min: 1, max: 60 }).map((n) => (o: Record<string, unknown>) => {
      o.weights = Array.from({ length: n }, (_, i) => `w${i}`);
      o.init = new Array(n).fill(0.1);
      o.loss = Array.from({ length: n }, (_, i) => `w${i}^2 + x*w${i}`).join(' + ');
    }),
  );
}

/** A valid scenario with one to three hostile mutations, as a JSON-ready object. */
export const hostileScenario: fc.Arbitrary<Record<string, unknown>> = fc.nat({ max: BASES.length - 1 }).chain((b) => {
  const base = BASES[b];
  return fc.array(mutation(base.weights as string[]), { minLength: 0, maxLength: 3 }).map((ms) => {
    const o = structuredClone(base);
    for (const m of ms) m(o);
    return o;
  });
});

/** Whether a JSON value holds only finite numbers and no null anywhere. */
export function allFinite(x: unknown): boolean {
  if (typeof x === 'number') return Number.isFinite(x);
  if (x === null) return false;
  if (Array.isArray(x)) return x.every(allFinite);
  if (typeof x === 'object') return Object.values(x as object).every(allFinite);
  return true;
}
