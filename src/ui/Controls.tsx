// The catalogue's filters: which edge counts, irreducible only, and the number of ties.
import { TIES_FILTERS, type TiesFilter } from '../app/derived/catalogue';
import { useAppStore } from '../app/state/store';

export function Controls() {
  const order = useAppStore((s) => s.order);
  const edges = useAppStore((s) => s.edges);
  const irreducibleOnly = useAppStore((s) => s.irreducibleOnly);
  const ties = useAppStore((s) => s.ties);
  const setEdges = useAppStore((s) => s.setEdges);
  const setIrreducibleOnly = useAppStore((s) => s.setIrreducibleOnly);
  const setTies = useAppStore((s) => s.setTies);

  return (
    <form className="filters" aria-label="Catalogue filters" onSubmit={(e) => e.preventDefault()}>
      <label className="field inline">
        <span>Edges</span>
        <select
          aria-label="Edges"
          value={String(edges === 'all' ? 'all' : Math.min(edges, order))}
          onChange={(e) => setEdges(e.target.value === 'all' ? 'all' : Number(e.target.value))}
        >
          <option value="all">all up to {order}</option>
          {Array.from({ length: order + 1 }, (_, k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </label>
      <label className="check">
        <input type="checkbox" checked={irreducibleOnly} onChange={(e) => setIrreducibleOnly(e.target.checked)} />
        <span>Irreducible only</span>
      </label>
      <fieldset className="segmented">
        <legend>Ties</legend>
        {TIES_FILTERS.map((t) => (
          <label key={t.value}>
            <input
              type="radio"
              name="ties"
              value={t.value}
              checked={ties === t.value}
              onChange={() => setTies(t.value as TiesFilter)}
            />
            <span>{t.label}</span>
          </label>
        ))}
      </fieldset>
    </form>
  );
}
