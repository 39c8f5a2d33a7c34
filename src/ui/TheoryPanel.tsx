// The theory panel: the resummed prediction of E φ(θ_T) with its update time, the exact series
// where it is cheap, and the simulation beside it with its 95% band (or how many of its
// trajectories diverged). Numbers come from the prediction worker; a refusal stands in their place.
import type { ReactNode } from 'react';
import { agreementView, MISSING_ALLOWANCE_TEXT, NOT_COMPARED_TEXT, type Verdict } from '../app/derived/agreementView';
import { allowanceSource } from '../app/derived/allowance';
import { useAppStore } from '../app/state/store';
import { useAllowance } from '../app/hooks/useAllowance';
import { useParams, usePrediction, type Answer } from '../app/hooks/useDerived';
import { fmt } from './format';
import { useObservableLabel } from './Plots';

export function TheoryPanel() {
  const view = usePrediction();
  const order = useAppStore((s) => s.order);
  const run = useAppStore((s) => s.run);
  const params = useParams();
  const label = useObservableLabel();
  const head = view.ok && view.headline.state === 'ok' ? view.headline.value : null;
  const allow = useAllowance();
  const prediction = head && view.ok && view.params ? { value: head.value, params: view.params } : null;
  const { sgd, verdict } = agreementView(run, params, prediction, allow);

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
            {sgd && sgd.mean !== null ? (
              <output aria-label="Simulated mean">
                {fmt(sgd.mean, 6)} ± {fmt(sgd.halfWidth, 3)}
              </output>
            ) : sgd?.diverged ? (
              // a mean over trajectories exists only while all of them are finite
              <span aria-label="Simulated mean" className="diverged">
                {sgd.diverged}: no mean at T
              </span>
            ) : (
              <span className="muted">{run.status === 'running' ? 'running…' : 'press Run'}</span>
            )}
          </dd>
          {verdict && (
            <>
              <dt>Agreement</dt>
              <dd>
                <span aria-label="Agreement">{agreementText(verdict)}</span>
                {verdict.kind === 'compared' && (
                  <span aria-label="Agreement details" className="muted agreement-details">
                    off by {fmt(Math.abs(verdict.agreement.delta), 3)} ({fmt(verdict.agreement.sigmas, 3)} s.e.); 95%
                    band ± {fmt(verdict.agreement.band, 3)}
                    {'value' in verdict.allowance ? `; allowance ± ${fmt(verdict.allowance.value, 3)}` : ''}
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

/** The agreement line: the verdict's words, or how far off the simulation is and why the band stays narrow. */
function agreementText(v: Verdict): string {
  if (v.kind !== 'compared') return NOT_COMPARED_TEXT[v.kind];
  if (v.headline !== null) return v.headline;
  const why = 'missing' in v.allowance ? MISSING_ALLOWANCE_TEXT[v.allowance.missing] : '';
  return `outside the 95% band (${fmt(v.agreement.sigmas, 3)} s.e.); ${why}`;
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
