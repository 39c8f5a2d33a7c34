// Under the spacetime view: the placed diagram, Emb(D) on the whole spacetime, the chosen
// embedding's resummed value, and every reason the placement is illegal.
import { useAppStore } from '../app/state/store';
import type { GridReport } from '../app/hooks/useGridReport';
import { fmt } from './format';

export function GridFacts({ g }: { g: GridReport }) {
  const msg = useAppStore((s) => s.grid.message);
  const clear = useAppStore((s) => s.clearPlacement);
  const p = g.placed;
  return (
    <div className="grid-facts">
      {msg && (
        <p role="alert" className="error">
          {msg}
        </p>
      )}
      {p ? (
        <>
          <p>
            <code>{p.notation}</code> ·{' '}
            <span aria-label="Embeddings">
              Emb(D) = {typeof p.embeddings === 'number' ? fmt(p.embeddings, 8) : p.embeddings}
            </span>
            {' · '}
            <span aria-label="Embedding value">
              this embedding (resummed):{' '}
              {p.problems.length
                ? 'illegal'
                : p.value === null
                  ? '—'
                  : typeof p.value === 'string'
                    ? p.value
                    : fmt(p.value)}
            </span>{' '}
            <button type="button" className="link" onClick={clear}>
              Clear
            </button>
          </p>
          {p.problems.length > 0 && (
            <ul role="alert" className="error problems" aria-label="Placement problems">
              {p.problems.map((q, i) => (
                <li key={i}>{q.reason}</li>
              ))}
            </ul>
          )}
        </>
      ) : (
        <p className="muted">No diagram placed.</p>
      )}
    </div>
  );
}
