// Every place the explorer limits the order reads theory/orders.ts: the order menu, the store,
// the link (order and the catalogue's edges filter), the catalogue, the allowance and the
// derivatives computed for a drawn diagram accept MAX_ORDER and stop there.
import { describe, expect, it } from 'vitest';
import { MAX_ORDER } from '../../theory/orders';
import { SCENARIO_ORDERS } from '../scenario/params';
import { decodeLink, encodeLink, DEFAULT_LINK } from '../links/permalink';
import { catalogueFor } from '../derived/catalogue';
import { allowanceSource, truncationAllowance } from '../derived/allowance';
import { LAW_ORDER } from '../derived/predictions';
import { useAppStore } from './store';

describe('the explorer orders: one limit', () => {
  it('the order menu lists 0..MAX_ORDER', () => {
    expect(SCENARIO_ORDERS).toEqual(Array.from({ length: MAX_ORDER + 1 }, (_, k) => k));
  });

  it('the store clamps an order above MAX_ORDER to it', () => {
    const s = useAppStore.getState();
    s.setOrder(MAX_ORDER);
    expect(useAppStore.getState().order).toBe(MAX_ORDER);
    s.setOrder(MAX_ORDER + 1);
    expect(useAppStore.getState().order).toBe(MAX_ORDER);
  });

  it('a link reads order and edges MAX_ORDER, and drops MAX_ORDER + 1 naming the field', () => {
    const hash = encodeLink({ ...DEFAULT_LINK, order: MAX_ORDER, edges: MAX_ORDER });
    expect(hash).toContain(`order=${MAX_ORDER}`);
    const ok = decodeLink(hash);
    expect([ok.state.order, ok.state.edges, ok.dropped]).toEqual([MAX_ORDER, MAX_ORDER, []]);
    const over = decodeLink(hash.replace(/(order|edges)=\d+/g, `$1=${MAX_ORDER + 1}`));
    expect(over.state.order).toBe(DEFAULT_LINK.order);
    expect(over.state.edges).toBe(DEFAULT_LINK.edges);
    expect(over.dropped.some((d) => d.startsWith('order'))).toBe(true);
    expect(over.dropped.some((d) => d.startsWith('edges'))).toBe(true);
  });

  it('the catalogue answers MAX_ORDER and refuses MAX_ORDER + 1', () => {
    const q = { observable: 'weight' as const, irreducibleOnly: false, ties: 'any' as const };
    expect(catalogueFor({ ...q, order: MAX_ORDER }).total).toBeGreaterThan(0);
    expect(() => catalogueFor({ ...q, order: MAX_ORDER + 1 })).toThrow(`0..${MAX_ORDER}`);
  });

  it('the allowance looks no further than MAX_ORDER', () => {
    const asked: number[] = [];
    const at = (k: number) => (asked.push(k), k === 0 ? 0 : 1);
    expect(truncationAllowance(at, 1).basis).toEqual({ kind: 'none-visible' });
    expect(Math.max(...asked)).toBe(MAX_ORDER);
    // at the highest order the last included order stands in
    expect(truncationAllowance((k) => k, MAX_ORDER).basis).toEqual({ kind: 'last-order', order: MAX_ORDER - 1 });
    expect(allowanceSource({ kind: 'none-visible' }, 1)).toBe(
      `orders 2–${MAX_ORDER} add nothing: no truncation visible`,
    );
  });

  it('a drawn diagram gets the derivatives a MAX_ORDER-edge diagram needs', () => {
    expect(LAW_ORDER).toBe(MAX_ORDER);
  });
});
