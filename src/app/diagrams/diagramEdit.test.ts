import { describe, expect, it } from 'vitest';
import { parseDiagram, printDiagram } from '../../theory/diagram';
import { addChild, deleteNode, tie, untie, type Edit } from './diagramEdit';

const p = (e: Edit) => (e.ok ? printDiagram(e.diagram) : e.reason);

describe('diagram edits', () => {
  it('builds the drift diagram from the root', () => {
    let d = parseDiagram('c(0)()');
    const step = (e: Edit) => {
      if (!e.ok) throw new Error(e.reason);
      d = e.diagram;
    };
    step(addChild(d, 0, 'test-loss')); // root 1 ← 0
    step(addChild(d, 0, 'test-loss')); // 0 ← 1
    step(addChild(d, 0, 'test-loss')); // 0 ← 2
    expect(printDiagram(d)).toBe('c(0-1-2-3)(03-10-20)');
    step(tie(d, [1, 2], 'test-loss'));
    expect(printDiagram(d)).toBe('c(0-12-3)(03-10-20)');
    step(untie(d, [2]));
    expect(printDiagram(d)).toBe('c(0-1-2-3)(03-10-20)');
  });

  it('deletes a subtree and renumbers', () => {
    expect(p(deleteNode(parseDiagram('c(01-2-3)(02-12-23)'), 2))).toBe('c(0)()');
    expect(p(deleteNode(parseDiagram('c(01-2-3)(02-12-23)'), 0))).toBe('c(0-1-2)(01-12)');
  });

  it('explains refused edits', () => {
    const d = parseDiagram('c(0-1)(01)');
    expect(p(deleteNode(d, 1))).toMatch(/root/);
    expect(p(tie(d, [0, 1], 'test-loss'))).toMatch(/cannot be tied/);
    expect(p(tie(d, [0, 1], 'train-loss'))).toBe('c(01)(01)');
    expect(p(addChild(d, 1, 'weight'))).toMatch(/contributes 0/);
  });
});
