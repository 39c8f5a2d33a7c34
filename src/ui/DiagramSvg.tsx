// A diagram drawn as a tree: root at the top, edges as lines, nodes as circles, and every tied
// part outlined by a rounded hull in its own tint (its nodes filled in the same tint).
import { memo, useMemo } from 'react';
import { HULL_R, NODE_R, layoutDiagram, type LayoutInput } from './diagramLayout';

const PALETTE_SIZE = 4;

interface Props {
  diagram: LayoutInput;
  /** pixels per layout unit */
  scale?: number;
}

export const DiagramSvg = memo(function DiagramSvg({ diagram, scale = 1 }: Props) {
  const lay = useMemo(() => layoutDiagram(diagram), [diagram]);
  return (
    <svg
      className="diagram-svg"
      viewBox={lay.viewBox}
      width={lay.width * scale}
      height={lay.height * scale}
      aria-hidden="true"
      focusable="false"
    >
      {lay.hulls.map((h) => (
        <path
          key={h.nodes.join('')}
          className={`hull tint-${h.tint % PALETTE_SIZE}`}
          d={h.d}
          strokeWidth={2 * HULL_R}
          data-part={h.nodes.join('')}
        />
      ))}
      {lay.edges.map((e) => (
        <line key={e.child} className="edge" x1={e.x1} y1={e.y1} x2={e.x2} y2={e.y2} />
      ))}
      {lay.nodes.map((n) => (
        <circle
          key={n.id}
          className={`node${n.root ? ' root' : ''}${n.tint === null ? '' : ` tint-${n.tint % PALETTE_SIZE}`}`}
          cx={n.x}
          cy={n.y}
          r={n.root ? NODE_R + 1 : NODE_R}
          data-node={n.id}
        />
      ))}
    </svg>
  );
});
