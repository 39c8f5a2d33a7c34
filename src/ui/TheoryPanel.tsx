// The theory panel: the resummed prediction of E φ(θ_T) with its update time, the exact series
// where it is cheap, and the simulation beside it with its 95% band.
import { useMemo } from 'react';
import { useAppStore } from '../app/store';
import { agreementHeadline, allowanceSource, classifyAgreement } from '../app/allowance';
import { useAllowance } from '../app/useAllowance';
import { useContext, usePrediction } from '../app/useDerived';
import { fmt } from './format';
import { useObservableLabel } from './Plots';

const Z95 = 1.96;

export function TheoryPanel() {
  const pred = usePrediction();
  const ctx = useContext();
  const eta = useAppStore((s) => s.eta);
  const order = useAppStore((s) => s.order);
  const run = useAppStore((s) => s.run);
  const label = useObservableLabel();
  const series = useMemo(() => {
    if (!ctx || ctx.T > 4096) return null;
    try {
      return ctx.seriesAt(order, eta);
    } catch {
      return null;
    }
  }, [ctx, order, eta]);
  const sgdIndex = run.jobs.findIndex((j) => j.kind === 'optimizer' && j.optimizer === 'sgd');
  const sim = sgdIndex >= 0 ? run.results[sgdIndex] : null;
  const simMean = sim ? sim.mean[sim.mean.length - 1] : null;
  const simSe = sim ? (sim.stderr[sim.stderr.length - 1] ?? 0) : 0;
  const fresh = sim && pred.ok && sim.T === pred.T && sim.eta === eta;
  const allow = useAllowance();
  const allowance = allow?.status === 'ok' ? allow.report.allowance : null;
  const agree = fresh && simMean !== null && pred.ok ? classifyAgreement({ prediction: pred.value, allowance: allowance?.value ?? 0, mean: simMean, se: simSe }) : null;

  return (
    <section className="panel theory" aria-labelledby="theory-heading">
      <h2 id="theory-heading" className="panel-title">Theory</h2>
      {pred.ok ? (
        <dl className="facts">
          <dt>Resummed prediction</dt>
          <dd>
            E {label}<sub>T</sub> at T = {pred.T}: <output aria-label="Prediction">{fmt(pred.value, 6)}</output>
          </dd>
          <dt>Truncation allowance</dt>
          <dd aria-label="Truncation allowance">
            {!allow || allow.status === 'pending'
              ? 'computing…'
              : allow.status === 'failed'
                ? `not computed: ${allow.message}`
                : `± ${fmt(allow.report.allowance.value, 3)} (${allowanceSource(allow.report.allowance.basis, order)})`}
          </dd>
          <dt>Exact series</dt>
          <dd aria-label="Exact series">{series === null ? 'not evaluated for this T' : `${fmt(series, 6)} (through η^${order})`}</dd>
          <dt>SGD simulated</dt>
          <dd>
            {simMean !== null && sim ? (
              <output aria-label="Simulated mean">
                {fmt(simMean, 6)} ± {fmt(Z95 * simSe, 3)}
              </output>
            ) : (
              <span className="muted">{run.status === 'running' ? 'running…' : 'press Run'}</span>
            )}
          </dd>
          {sim && simMean !== null && (
            <>
              <dt>Agreement</dt>
              <dd>
                <span aria-label="Agreement">
                  {!fresh || !agree
                    ? 'simulation from earlier settings'
                    : agree.kind !== 'simulation' && !allowance
                      ? `outside the 95% band (${fmt(agree.sigmas, 3)} s.e.); ${allow?.status === 'failed' ? 'no truncation allowance for this scenario' : 'the truncation allowance is not known yet'}`
                      : agreementHeadline(agree.kind, order)}
                </span>
                {fresh && agree && (
                  <span aria-label="Agreement details" className="muted agreement-details">
                    off by {fmt(Math.abs(agree.delta), 3)} ({fmt(agree.sigmas, 3)} s.e.); 95% band ± {fmt(agree.band, 3)}
                    {allowance ? `; allowance ± ${fmt(allowance.value, 3)}` : ''}
                  </span>
                )}
              </dd>
            </>
          )}
        </dl>
      ) : (
        <p role="alert" className="error">
          {pred.message}
        </p>
      )}
      {pred.ok && (
        <p className="timing" aria-label="Prediction update time">
          update {pred.ms.toFixed(2)} ms {pred.ms > 16 ? '(over the 16 ms budget)' : ''}
        </p>
      )}
    </section>
  );
}
