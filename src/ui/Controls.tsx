// The catalogue's controls: observable, order (number of edges) and the filters.
import { OBSERVABLES, ORDERS, TIES_FILTERS, type ObservableKind, type TiesFilter } from '../app/catalogue';
import { useAppStore } from '../app/store';

export function Controls() {
  const observable = useAppStore((s) => s.observable);
  const order = useAppStore((s) => s.order);
  const irreducibleOnly = useAppStore((s) => s.irreducibleOnly);
  const ties = useAppStore((s) => s.ties);
  const setObservable = useAppStore((s) => s.setObservable);
  const setOrder = useAppStore((s) => s.setOrder);
  const setIrreducibleOnly = useAppStore((s) => s.setIrreducibleOnly);
  const setTies = useAppStore((s) => s.setTies);

  return (
    <form className="controls" aria-label="Catalogue controls" onSubmit={(e) => e.preventDefault()}>
      <label className="field">
        <span>Observable</span>
        <select value={observable} onChange={(e) => setObservable(e.target.value as ObservableKind)}>
          {OBSERVABLES.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Order (edges)</span>
        <select value={order} onChange={(e) => setOrder(Number(e.target.value))}>
          {ORDERS.map((k) => (
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
