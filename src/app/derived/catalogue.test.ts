import { describe, expect, it } from 'vitest';
import { catalogueFor } from './catalogue';

describe('catalogueFor', () => {
  it('lists the four order-2 test-loss classes with their children lists', () => {
    const c = catalogueFor({ observable: 'test-loss', order: 2, irreducibleOnly: false, ties: 'any', edges: 2 });
    expect(c.total).toBe(4);
    expect(c.entries.map((e) => e.notation)).toEqual([
      'c(0-1-2)(01-12)',
      'c(0-1-2)(02-12)',
      'c(01-2)(01-12)',
      'c(01-2)(02-12)',
    ]);
    expect(c.entries[1].children).toEqual([[], [], [0, 1]]);
  });

  it('applies the irreducible and ties filters on top of the enumeration', () => {
    const q = { observable: 'test-loss', order: 3, irreducibleOnly: false, edges: 3 } as const;
    expect(catalogueFor({ ...q, ties: 'any' }).entries).toHaveLength(17);
    expect(catalogueFor({ ...q, irreducibleOnly: true, ties: 'any' }).entries).toHaveLength(12);
    const counts = (['0', '1', '2+'] as const).map((ties) => catalogueFor({ ...q, ties }).entries.length);
    expect(counts).toEqual([4, 9, 4]);
  });

  it('lists every class up to the order by default', () => {
    const c = catalogueFor({ observable: 'test-loss', order: 3, irreducibleOnly: false, ties: 'any' });
    expect(c.total).toBe(1 + 1 + 4 + 17);
    expect(c.entries[0].notation).toBe('c(0)()');
  });

  it('rejects an order outside 0..5', () => {
    expect(() => catalogueFor({ observable: 'weight', order: 6, irreducibleOnly: false, ties: 'any' })).toThrow(
      RangeError,
    );
  });
});
