// Drawing geometry for one diagram: node positions (d3 tree layout, root at the top), edge
// segments and a hull outline per tied part. Pure presentation; the diagram comes from app/.
import { hierarchy, polygonHull, tree } from 'd3';

export interface LayoutInput {
  children: readonly (readonly number[])[];
  parts: readonly (readonly number[])[];
}

export interface DiagramLayout {
  viewBox: string;
  width: number;
  height: number;
  nodes: { id: number; x: number; y: number; root: boolean; tint: number | null }[];
  edges: { child: number; x1: number; y1: number; x2: number; y2: number }[];
  /** one outline per part with two or more nodes; `tint` indexes the palette */
  hulls: { nodes: number[]; d: string; tint: number }[];
}

export const NODE_R = 6.5;
/** half the hull's stroke: how far an outline reaches beyond its nodes' centres */
export const HULL_R = NODE_R + 5;
const DX = 30;
const DY = 36;
const MARGIN = HULL_R + 3;

type P = [number, number];

function hullPath(pts: P[]): string {
  const hull = pts.length >= 3 ? polygonHull(pts) : null;
  if (hull) return `M${hull.map((p) => p.join(',')).join('L')}Z`;
  // two nodes, or collinear ones: a capsule along the sorted points
  const line = [...pts].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return `M${line.map((p) => p.join(',')).join('L')}`;
}

export function layoutDiagram(d: LayoutInput): DiagramLayout {
  const rootId = d.children.length - 1;
  const root = hierarchy<number>(rootId, (v) => d.children[v] as number[]);
  const laid = tree<number>().nodeSize([DX, DY])(root);
  const pos = new Map<number, P>();
  laid.each((n) => pos.set(n.data, [n.x, n.y]));

  const xs = [...pos.values()].map((p) => p[0]);
  const ys = [...pos.values()].map((p) => p[1]);
  const minX = Math.min(...xs) - MARGIN;
  const minY = Math.min(...ys) - MARGIN;
  const width = Math.max(...xs) - Math.min(...xs) + 2 * MARGIN;
  const height = Math.max(...ys) - Math.min(...ys) + 2 * MARGIN;

  const tintOf = new Map<number, number>();
  const hulls: DiagramLayout['hulls'] = [];
  for (const part of d.parts) {
    if (part.length < 2) continue;
    const tint = hulls.length;
    part.forEach((v) => tintOf.set(v, tint));
    hulls.push({ nodes: [...part], d: hullPath(part.map((v) => pos.get(v)!)), tint });
  }

  const edges: DiagramLayout['edges'] = [];
  d.children.forEach((cs, p) =>
    cs.forEach((c) => {
      const [x1, y1] = pos.get(c)!;
      const [x2, y2] = pos.get(p)!;
      edges.push({ child: c, x1, y1, x2, y2 });
    }),
  );

  const nodes = [...pos.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([id, [x, y]]) => ({ id, x, y, root: id === rootId, tint: tintOf.get(id) ?? null }));

  return { viewBox: `${minX} ${minY} ${width} ${height}`, width, height, nodes, edges, hulls };
}
