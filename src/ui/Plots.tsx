// The plots, one tab each: observable against t, drift against η, the observable at T against η,
// optimizers side by side, and the per-diagram breakdown.
import { useMemo, useState, type KeyboardEvent } from 'react';
import { PLOT_TABS, type PlotTab } from '../app/links/linkFields';
import {
  contributionPlot,
  driftPlot,
  lossPlot,
  optimizerPlot,
  spreadPlot,
  trajectoryPlot,
  type PlotSpec,
} from '../app/plots/plotData';
import { usePredictions } from '../app/hooks/predictionSync';
import { comparableRun } from '../app/scenario/staleness';
import { useAppStore } from '../app/state/store';
import { useAllowance } from '../app/hooks/useAllowance';
import { Plot } from './Plot';
import { driftReference } from '../app/scenario/landscapes';
import { preconditionerOf } from '../app/scenario/params';

const isScalarRate = (lr: string): boolean => {
  try {
    return preconditionerOf(lr) === null;
  } catch {
    return false;
  }
};
import type { DriftLaw } from '../app/scenario/landscapes';

const TAB_LABEL: Record<PlotTab, string> = {
  trajectory: 'Against t',
  drift: 'Drift vs η',
  'at-T': 'At T vs η',
  optimizers: 'Optimizers',
  diagrams: 'Diagrams',
  spread: 'Spread of φ',
};

export function useObservableLabel(): string {
  const obs = useAppStore((s) => s.observable);
  const w = useAppStore((s) => s.weight);
  const phi = useAppStore((s) => s.phi);
  const variance = useAppStore((s) => s.variance);
  if (obs === 'formula') return variance ? `Var(${phi})` : phi;
  return obs === 'weight' ? w : obs === 'test-loss' ? 'test loss' : 'train loss';
}

/** The landscape's own drift law for the observed weight (ARCHIMEDES: η²/6), or null. */
function useDriftReference(): DriftLaw | null {
  const landscape = useAppStore((s) => s.landscape);
  const params = useAppStore((s) => s.params);
  // a landscape's law is for the scalar learning rate (with a preconditioner see theory.md §5b)
  const observed = useAppStore((s) => (s.observable === 'weight' && isScalarRate(s.lr) ? s.weight : null));
  return useMemo(() => driftReference(landscape, params, observed), [landscape, params, observed]);
}

export function Plots() {
  const tab = useAppStore((s) => s.plot);
  const setPlot = useAppStore((s) => s.setPlot);
  const run = useAppStore((s) => s.run);
  const { answer, current, pending } = usePredictions();
  const label = useObservableLabel();
  const reference = useDriftReference();
  const allowView = useAllowance();
  // the report keeps its identity between answers (the view around it does not)
  const allowReport = allowView?.answer.state === 'ok' ? allowView.answer.value : null;
  const allowKey = allowView ? `${allowView.workKey}|${allowView.eta}` : null;
  const fresh = useMemo((): PlotSpec | string | null => {
    if (!answer || !current) return null;
    const o = answer.outcome;
    if (!o.ok) return o.message;
    if (!o.value.plot.ok) return o.value.plot.message;
    const pred = o.value.plot.value;
    if (pred.tab !== tab) return null;
    // simulations are drawn only beside a prediction of their own settings
    const sims = comparableRun(run, answer.req.params);
    // the allowance is drawn only beside the prediction of its own scenario and η
    const allowance = allowKey === `${answer.workKey}|${pred.eta}` ? allowReport : null;
    try {
      switch (tab) {
        case 'trajectory':
          return trajectoryPlot(pred, sims, label, allowance);
        case 'drift':
          return driftPlot(pred, sims, label, allowance, reference);
        case 'at-T':
          return lossPlot(pred, sims, label, allowance);
        case 'optimizers':
          return optimizerPlot(pred, sims, label);
        case 'diagrams':
          return contributionPlot(pred);
        case 'spread':
          return spreadPlot(pred, sims);
        default: {
          const never: never = tab;
          return `unknown plot ${String(never)}`;
        }
      }
    } catch (e) {
      return (e as Error).message;
    }
  }, [answer, current, run, tab, label, allowReport, allowKey, reference]);
  // while the worker computes, the last plot of this tab stays on screen, dimmed
  const [last, setLast] = useState<{ tab: PlotTab; spec: PlotSpec | string } | null>(null);
  if (fresh !== null && (last?.spec !== fresh || last.tab !== tab)) setLast({ tab, spec: fresh });
  const kept = last && last.tab === tab ? last.spec : null;
  const spec = fresh ?? kept ?? 'computing…';
  const stale = fresh === null || pending;

  const onKey = (e: KeyboardEvent) => {
    const i = PLOT_TABS.indexOf(tab);
    const next =
      e.key === 'ArrowRight'
        ? (i + 1) % PLOT_TABS.length
        : e.key === 'ArrowLeft'
          ? (i + PLOT_TABS.length - 1) % PLOT_TABS.length
          : -1;
    if (next < 0) return;
    e.preventDefault();
    setPlot(PLOT_TABS[next]);
    (document.getElementById(`tab-${PLOT_TABS[next]}`) as HTMLElement | null)?.focus();
  };

  return (
    <section className="panel plots" aria-labelledby="plots-heading">
      <h2 id="plots-heading" className="panel-title">
        Plots
      </h2>
      <div role="tablist" aria-label="Plots" onKeyDown={onKey} className="tabs">
        {PLOT_TABS.map((t) => (
          <button
            key={t}
            id={`tab-${t}`}
            role="tab"
            type="button"
            aria-selected={t === tab}
            aria-controls="plot-panel"
            tabIndex={t === tab ? 0 : -1}
            onClick={() => setPlot(t)}
          >
            {TAB_LABEL[t]}
          </button>
        ))}
      </div>
      <div
        id="plot-panel"
        role="tabpanel"
        aria-labelledby={`tab-${tab}`}
        className={stale ? 'stale' : ''}
        aria-busy={stale}
      >
        {typeof spec === 'string' ? <p className="hint">{spec}</p> : <Plot spec={spec} />}
      </div>
    </section>
  );
}
