// The diagram editor: the diagram drawn with selectable nodes, edits (add a child, delete,
// tie, untie), and everything the theory says about it in the current scenario.
import { useMemo, type DragEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { scheduleScaling } from '../app/diagrams/diagramTex';
import { useAppStore } from '../app/state/store';
import { useDiagramReport } from '../app/hooks/useDerived';
import { childrenOf } from '../theory/diagram';
import { HULL_R, NODE_R, layoutDiagram } from './diagramLayout';
import { fmt } from './format';
import { Tex } from './Tex';

export function DiagramEditor() {
  const ed = useAppStore((s) => s.editor);
  const a = useAppStore.getState();
  const r = useDiagramReport();
  const sched = useAppStore(useShallow((s) => ({ N: s.N, B: s.B, epochs: s.epochs, custom: s.batches !== null })));
  const scaling = scheduleScaling(sched, r.scaling);
  const root = r.diagram.parent.length;
  const lay = useMemo(() => layoutDiagram({ children: childrenOf(r.diagram), parts: r.diagram.parts }), [r.diagram]);
  const target = ed.selection.length === 1 ? ed.selection[0] : root;
  const onDrop = (e: DragEvent) => {
    const text = e.dataTransfer.getData('text/plain');
    if (text) {
      e.preventDefault();
      a.loadDiagram(text);
    }
  };

  return (
    <section
      className="panel editor"
      aria-labelledby="editor-heading"
      onDragOver={(e) => e.preventDefault()}
      onDrop={onDrop}
    >
      <h2 id="editor-heading" className="panel-title">
        Diagram editor
      </h2>
      <div className="editor-body">
        <div className="editor-figure">
          <svg
            className="diagram-svg editable"
            viewBox={lay.viewBox}
            width={Math.max(120, lay.width * 1.6)}
            height={lay.height * 1.6}
            role="group"
            aria-label="Diagram"
          >
            {lay.hulls.map((h) => (
              <path key={h.nodes.join('')} className={`hull tint-${h.tint % 4}`} d={h.d} strokeWidth={2 * HULL_R} />
            ))}
            {lay.edges.map((e) => (
              <line key={e.child} className="edge" x1={e.x1} y1={e.y1} x2={e.x2} y2={e.y2} />
            ))}
            {lay.nodes.map((n) => {
              const sel = ed.selection.includes(n.id);
              return (
                <g
                  key={n.id}
                  role="button"
                  tabIndex={0}
                  aria-pressed={sel}
                  aria-label={n.root ? `node ${n.id} (root)` : `node ${n.id}`}
                  className={`editor-node${sel ? ' selected' : ''}`}
                  onClick={() => a.toggleSelected(n.id)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' || e.key === ' ') {
                      e.preventDefault();
                      a.toggleSelected(n.id);
                    } else if (e.key === 'Delete' || e.key === 'Backspace') a.deleteEditorNode(n.id);
                    else if (e.key === '+' || e.key === 'a') a.addChildTo(n.id);
                  }}
                >
                  <circle
                    className={`node${n.root ? ' root' : ''}${n.tint === null ? '' : ` tint-${n.tint % 4}`}`}
                    cx={n.x}
                    cy={n.y}
                    r={n.root ? NODE_R + 1 : NODE_R}
                  />
                  <text x={n.x + NODE_R + 2} y={n.y - NODE_R} className="node-label">
                    {n.id}
                  </text>
                </g>
              );
            })}
          </svg>
          <div className="toolbar" role="toolbar" aria-label="Edit diagram">
            <button type="button" onClick={() => a.addChildTo(target)}>
              Add child to node {target}
            </button>
            <button
              type="button"
              onClick={() => ed.selection.length === 1 && a.deleteEditorNode(ed.selection[0])}
              disabled={ed.selection.length !== 1 || ed.selection[0] === root}
            >
              Delete node
            </button>
            <button type="button" onClick={a.tieSelected} disabled={ed.selection.length < 2}>
              Tie
            </button>
            <button type="button" onClick={a.untieSelected} disabled={ed.selection.length === 0}>
              Untie
            </button>
          </div>
          <p className="hint">
            Click (or Enter) selects nodes; a child goes under the one selected node, else the root.
          </p>
          {ed.message && (
            <p role="alert" className="error">
              {ed.message}
            </p>
          )}
        </div>
        <dl className="facts">
          <dt>Notation</dt>
          <dd>
            <code aria-label="Editor notation">{r.notation}</code>
            {r.canonical !== r.notation && <span className="muted"> ≅ {r.canonical}</span>}
          </dd>
          <dt>Edges</dt>
          <dd>{r.edges.length ? r.edges.map(([c, p]) => `${c}→${p}`).join(', ') : 'none'}</dd>
          <dt>Parts</dt>
          <dd>
            {r.parts.map((p) => `{${p.join(',')}}`).join(' ')} · ties {r.ties}
          </dd>
          <dt>|Aut|</dt>
          <dd>{r.aut}</dd>
          <dt>Irreducible</dt>
          <dd>
            {r.irreducible
              ? 'yes'
              : `no (node${r.reducible.length > 1 ? 's' : ''} ${r.reducible.join(', ')}: one child, untied)`}
          </dd>
          <dt>Scaling</dt>
          <dd>
            <span aria-label="Scaling">
              {scaling.label}: <Tex tex={scaling.tex} />
            </span>
            {!scaling.label.startsWith('GD') && (
              <>
                {' '}
                · GD: <Tex tex={r.scaling.gd} />
              </>
            )}
          </dd>
          <dt>Value</dt>
          <dd className="formula-dd">
            <Tex tex={r.tex.value} label="Diagram value" />
          </dd>
          <dt>Term</dt>
          <dd className="formula-dd">
            <Tex tex={r.tex.term} />
          </dd>
          <dt>Emb(D)</dt>
          <dd>
            {r.numbers
              ? typeof r.numbers.embeddings === 'number'
                ? fmt(r.numbers.embeddings, 6)
                : r.numbers.embeddings
              : '—'}
          </dd>
          <dt>Series term</dt>
          <dd aria-label="Series term">
            {r.numbers ? (typeof r.numbers.term === 'number' ? fmt(r.numbers.term) : r.numbers.term) : '—'}
          </dd>
          <dt>Resummed</dt>
          <dd aria-label="Resummed contribution">
            {r.numbers ? (typeof r.numbers.resummed === 'number' ? fmt(r.numbers.resummed) : r.numbers.resummed) : '—'}
          </dd>
        </dl>
      </div>
    </section>
  );
}
