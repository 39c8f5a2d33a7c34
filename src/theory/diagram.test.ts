import { describe, expect, it } from 'vitest';
import { DiagramError, isIrreducible, parseDiagram, printDiagram, validateFor } from './diagram';
import { canonicalize, treeAutomorphisms } from './canonical';
import { enumerateDiagrams, rootedTrees } from './enumerate';

describe('diagram notation', () => {
  it('round-trips the drift diagram of Corollary 1', () => {
    const d = parseDiagram('c(01-2-3)(02-12-23)');
    expect(d.parent).toEqual([2, 2, 3]);
    expect(printDiagram(d)).toBe('c(01-2-3)(02-12-23)');
    expect(canonicalize(d).aut).toBe(2);
  });

  it.each([
    ['c(01-2-3)', /expected c\(PARTS\)\(EDGES\)/],
    ['c(01-2-3)(02-12)', /node 2 has no parent edge/],
    ['c(01-1-3)(02-12-23)', /node 1 appears in two parts/],
    ['c(01-3)(02-13)', /node 2 is missing/],
    ['c(0-1-2)(01-10)', /two parents|cycle|has no parent/],
    ['c(0-1-2)(02-21)', /gives the root/],
    ['c(0-1)(0x)', /must be two node digits/],
    ['c(0-a)(01)', /part 2 "a"/],
    ['c(0-1-2)(00-12)', /joins node 0 to itself/],
  ])('rejects %s with a clear message', (src, msg) => {
    expect(() => parseDiagram(src)).toThrow(DiagramError);
    expect(() => parseDiagram(src)).toThrow(msg);
  });

  it('detects cycles', () => {
    expect(() => parseDiagram('c(0-1-2-3)(01-10-23)')).toThrow(/cycle|no parent/);
  });

  it('validates diagrams against the observable', () => {
    expect(() => validateFor(parseDiagram('c(0-12)(02-12)'), 'test-loss')).toThrow(/part of its own/);
    expect(() => validateFor(parseDiagram('c(0-12)(02-12)'), 'train-loss')).not.toThrow();
    expect(() => validateFor(parseDiagram('c(0-1-2)(02-12)'), 'weight')).toThrow(/contributes 0/);
  });

  it('canonical forms identify relabelled diagrams', () => {
    const a = parseDiagram('c(01-2-3)(02-12-23)');
    const b = parseDiagram('c(0-12-3)(10-20-03)');
    expect(canonicalize(b).notation).toBe(canonicalize(a).notation);
  });
});

describe('enumeration', () => {
  it('counts rooted trees (OEIS A000081)', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((m) => rootedTrees(m).length)).toEqual([1, 1, 2, 4, 9, 20, 48]);
  });

  it('automorphism groups of stars and chains', () => {
    expect(treeAutomorphisms([3, 3, 3]).length).toBe(6);
    expect(treeAutomorphisms([1, 2, 3]).length).toBe(1);
    expect(treeAutomorphisms([2, 2, 5, 4, 5]).length).toBe(2);
  });

  it('lists each class once, with weight catalogues matching train catalogues one order lower', () => {
    for (let m = 0; m <= 5; m++) {
      const test = enumerateDiagrams(m, 'test-loss');
      expect(new Set(test.map((c) => c.notation)).size).toBe(test.length);
      for (const c of test) expect(canonicalize(c.diagram).notation).toBe(c.notation);
      if (m >= 1) expect(enumerateDiagrams(m, 'weight').length).toBe(enumerateDiagrams(m - 1, 'train-loss').length);
    }
    expect(
      enumerateDiagrams(2, 'test-loss')
        .map((c) => c.notation)
        .sort(),
    ).toEqual(['c(0-1-2)(01-12)', 'c(0-1-2)(02-12)', 'c(01-2)(01-12)', 'c(01-2)(02-12)'].sort());
  });

  it('orbit-stabiliser: Σ 1/|Aut| over partitions of a tree equals (#labelled partitions)/|Aut(tree)|', () => {
    for (let m = 1; m <= 5; m++) {
      for (const parent of rootedTrees(m)) {
        const auts = treeAutomorphisms(parent).length;
        const classes = enumerateDiagrams(m, 'test-loss').filter((c) => c.diagram.parent.join() === parent.join());
        const bell = [1, 1, 2, 5, 15, 52][m];
        const total = classes.reduce((s, c) => s + auts / c.aut, 0);
        expect(total).toBe(bell);
      }
    }
  });

  it('irreducibility follows theory.md §5 (not the inverted statement of the paper)', () => {
    expect(isIrreducible(parseDiagram('c(0-1-2)(01-12)'))).toBe(false); // lone degree-2 node
    expect(isIrreducible(parseDiagram('c(01-2)(01-12)'))).toBe(true); // tied degree-2 node stays
    expect(isIrreducible(parseDiagram('c(0-1-2)(02-12)'))).toBe(true);
    expect(isIrreducible(parseDiagram('c(0-1)(01)'))).toBe(true);
  });
});
