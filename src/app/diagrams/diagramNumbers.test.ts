import { describe, expect, it } from 'vitest';
import { BUILTIN_LANDSCAPES } from '../../landscape/builtins';
import { parseScenario } from '../../landscape/scenario';
import { parseDiagram } from '../../theory/diagram';
import { listEmbeddings } from '../../theory/embeddings';
import { diagramNumbers, embeddingValue } from './diagramNumbers';
import { contextFor } from '../derived/predictions';

describe('diagram numbers', () => {
  const { description: _d, ...f } = BUILTIN_LANDSCAPES.gauss.make();
  const sc = parseScenario({
    ...f,
    schedule: { N: 4, B: 1, epochs: 1, shuffle: false },
    observable: 'test-loss',
    order: 3,
    eta: 0.1,
  });
  const ctx = contextFor(sc);

  it('one embedding values sum to the diagram resummed contribution', () => {
    const d = parseDiagram('c(01-2)(02-12)');
    const nums = diagramNumbers(ctx, d, 0.1);
    expect(nums.embeddings).toBe(4);
    const embs = listEmbeddings(d, 'test-loss', ctx.model.spacetime, 'cumulant');
    // cumulant rule over labelled embeddings, 1/|Aut| each = the resummed contribution
    const sum = embs.reduce((s, e) => s + embeddingValue(ctx, d, e.cells, 0.1, ctx.model.spacetime), 0);
    expect(sum).toBeCloseTo(nums.resummed as number, 12);
  });

  it('the series terms of one order add up to the series coefficient', () => {
    const terms = ['c(0-1-2)(01-12)', 'c(0-1-2)(02-12)', 'c(01-2)(01-12)', 'c(01-2)(02-12)'].map(
      (n) => diagramNumbers(ctx, parseDiagram(n), 1).term as number,
    );
    expect(terms.reduce((a, b) => a + b, 0)).toBeCloseTo(ctx.series(2)[2], 10);
  });
});
