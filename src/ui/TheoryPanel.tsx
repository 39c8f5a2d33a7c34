// The theory panel: the resummed prediction of E φ(θ_T) with its update time, the exact series
// where it is cheap, and the simulation beside it with its 95% band (or how many of its
// trajectories diverged). Numbers come from the prediction worker; a refusal stands in their place.
import type { ReactNode } from 'react';
import { divergedText } from '../app/divergence';
import { useAppStore } from '../app/store';
import { agreementHeadline, allowanceSource, classifyAgreement } from '../app/allowance';
import { useAllowance } from '../app/useAllowance';
import { usePrediction, type Answer } from '../app/useDerived';
import { fmt } from './format';
import { useObservableLabel } from './Plots';
import { Z95 } from '../app/allowance';

export function TheoryPanel() {
  const view = usePrediction();
  const eta = useAppStore((s) => s.eta);
  const order = useAppStore((s) => s.order);
  const run = useAppStore((s) => s.run);
  const label = useObservableLabel();
  const head = view.ok && view.headline.state === 'ok' ? view.headline.value : null;
  const sgdIndex = run.jobs.findIndex((j) => j.kind === 'optimizer' && j.optimizer === 'sgd');
  const sim = sgdIndex >= 0 ? run.results[sgdIndex] : null;
  const simMean = sim ? sim.mean[sim.mean.length - 1] : null;
  const simSe = sim ? (sim.stderr[sim.stderr.length - 1] ?? 0) : 0;
  const divergedNote = sim ? divergedText(sim) : null;
  const fresh = sim && head && sim.T === head.T && sim.eta === eta;
  const allow = useAllowance();
  const allowance = allow?.answer.state === 'ok' ? allow.answer.value.allowance : null;
  const agree =
    fresh && simMean !== null
      ? classifyAgreement({ prediction: head.value, allowance: allowance?.value ?? 0, mean: simMean, se: simSe })
      : null;

  return (
    <section className="panel theory" aria-labelledby="theory-heading">
      <h2 id="theory-heading" className="panel-title">
        Theory
      </h2>
      {view.ok ? (
        <dl className={`facts${view.stale ? ' stale' : ''}`}>
          <dt>Resummed prediction</dt>
          <dd>
            {shown(view.headline, (h) => (
              <>
                E {label}
                <sub>T</sub> at T = {h.T}: <output aria-label="Prediction">{fmt(h.value, 6)}</output>
              </>
            ))}
          </dd>
          <dt>Truncation allowance</dt>
          <dd aria-label="Truncation allowance">
            {!allow || allow.answer.state === 'computing'
              ? 'computing…'
              : allow.answer.state === 'refused'
                ? `not computed: ${allow.answer.message}`
                : `± ${fmt(allow.answer.value.allowance.value, 3)} (${allowanceSource(allow.answer.value.allowance.basis, order)})`}
          </dd>
          <dt>Exact series</dt>
          <dd aria-label="Exact series">
            {shown(view.series, (v) => (v === null ? 'not evaluated for this T' : `${fmt(v, 6)} (through η^${order})`))}
          </dd>
          <dt>SGD simulated</dt>
          <dd>
            {simMean !== null && sim ? (
              <output aria-label="Simulated mean">
                {fmt(simMean, 6)} ± {fmt(Z95 * simSe, 3)}
              </output>
            ) : divergedNote ? (
              // a mean over trajectories exists only while all of them are finite
              <span aria-label="Simulated mean" className="diverged">
                {divergedNote}: no mean at T
              </span>
            ) : (
              <span className="muted">{run.status === 'running' ? 'running…' : 'press Run'}</span>
            )}
          </dd>
          {sim && simMean !== null && head && (
            <>
              <dt>Agreement</dt>
              <dd>
                <span aria-label="Agreement">
                  {!fresh || !agree
                    ? 'simulation from earlier settings'
                    : agree.kind !== 'simulation' && !allowance
                      ? `outside the 95% band (${fmt(agree.sigmas, 3)} s.e.); ${allow?.answer.state === 'refused' ? 'no truncation allowance for this scenario' : 'the truncation allowance is not known yet'}`
                      : agreementHeadline(agree.kind, order)}
                </span>
                {fresh && agree && (
                  <span aria-label="Agreement details" className="muted agreement-details">
                    off by {fmt(Math.abs(agree.delta), 3)} ({fmt(agree.sigmas, 3)} s.e.); 95% band ±{' '}
                    {fmt(agree.band, 3)}
                    {allowance ? `; allowance ± ${fmt(allowance.value, 3)}` : ''}
                  </span>
                )}
              </dd>
            </>
          )}
        </dl>
      ) : (
        <p role="alert" className="error">
          {view.message}
        </p>
      )}
      {head && (
        <p className="timing" aria-label="Prediction update time">
          update {head.ms.toFixed(2)} ms {head.ms > 16 ? '(over the 16 ms budget)' : ''}
        </p>
      )}
    </section>
  );
}

/** A worker's answer: its number, "computing…", or the refusal in the number's place. */
function shown<T>(a: Answer<T>, render: (v: T) => ReactNode): ReactNode {
  switch (a.state) {
    case 'ok':
      return render(a.value);
    case 'computing':
      return <span className="muted">computing…</span>;
    case 'refused':
      return (
        <span className="refusal" role="alert">
          {a.message}
        </span>
      );
    default: {
      const never: never = a;
      return never;
    }
  }
}
