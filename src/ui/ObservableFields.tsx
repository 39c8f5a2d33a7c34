// The formula observable φ(θ) (checked as you type: the error names the column and a caret
// points at it), the variance switch, and the per-weight learning-rate editor ("scalar" by
// default; per-weight rates or a full matrix P).
import { preconditionerOf } from '../app/scenario/params';
import { useAppStore } from '../app/state/store';
import { useBuilt } from '../app/hooks/useDerived';

type RateMode = 'scalar' | 'diagonal' | 'matrix';

function modeOf(lr: string): RateMode {
  if (lr.trim() === '' || lr.trim() === 'scalar') return 'scalar';
  return lr.includes(';') ? 'matrix' : 'diagonal';
}

export function FormulaField() {
  const phi = useAppStore((s) => s.phi);
  const variance = useAppStore((s) => s.variance);
  const setPhi = useAppStore((s) => s.setPhi);
  const setVariance = useAppStore((s) => s.setVariance);
  const built = useBuilt();
  const error = !built.ok && built.field === 'observable' ? built : null;
  return (
    <>
      <label className="field">
        <span>φ(θ), a formula over the weights</span>
        <input
          type="text"
          className="formula"
          aria-label="Observable formula φ"
          value={phi}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'phi-error' : undefined}
          onChange={(e) => setPhi(e.target.value)}
          spellCheck={false}
        />
      </label>
      {error && (
        <div id="phi-error" role="alert" className="error">
          <p>{error.message}</p>
          {error.pos !== undefined && (
            <pre className="caret" aria-hidden="true">
              {phi}
              {'\n'}
              {' '.repeat(Math.min(error.pos, 400))}^
            </pre>
          )}
        </div>
      )}
      <label className="check">
        <input type="checkbox" checked={variance} onChange={(e) => setVariance(e.target.checked)} />
        <span>Variance of φ (spread over training sets and sampling)</span>
      </label>
    </>
  );
}

export function LearningRateField({ weights }: { weights: readonly string[] }) {
  const lr = useAppStore((s) => s.lr);
  const setLr = useAppStore((s) => s.setLearningRate);
  const built = useBuilt();
  const error = !built.ok && built.field === 'preconditioner' ? built : null;
  const mode = modeOf(lr);
  let diag: number[] = weights.map(() => 1);
  if (mode === 'diagonal') {
    try {
      const p = preconditionerOf(lr);
      if (Array.isArray(p) && p.length === weights.length && p.every((x) => typeof x === 'number'))
        diag = p as number[];
    } catch {
      // the text is being edited; the error below says what is wrong
    }
  }
  const setMode = (m: RateMode): void => {
    if (m === 'scalar') setLr('scalar');
    else if (m === 'diagonal') setLr(weights.map(() => '1').join(', '));
    else setLr(weights.map((_, i) => weights.map((__, j) => (i === j ? '1' : '0')).join(', ')).join('; '));
  };
  return (
    <>
      <label className="field inline">
        <span>Learning rate per weight</span>
        <select
          aria-label="Learning rate per weight"
          value={mode}
          onChange={(e) => setMode(e.target.value as RateMode)}
        >
          <option value="scalar">scalar (η for every weight)</option>
          <option value="diagonal">per weight: η·p_i</option>
          <option value="matrix">matrix: η·P</option>
        </select>
      </label>
      {mode === 'diagonal' && (
        <div className="row3" role="group" aria-label="Per-weight learning-rate factors">
          {weights.map((w, i) => (
            <label key={w} className="field inline">
              <span>p_{w}</span>
              <input
                type="number"
                step="any"
                min={0}
                aria-label={`learning-rate factor of ${w}`}
                value={diag[i]}
                onChange={(e) => {
                  if (e.target.value === '') return;
                  const next = diag.map((x, j) => (j === i ? Number(e.target.value) : x));
                  setLr(next.join(', '));
                }}
              />
            </label>
          ))}
        </div>
      )}
      {mode === 'matrix' && (
        <label className="field">
          <span>P (rows separated by ;)</span>
          <input
            type="text"
            className="formula"
            aria-label="Preconditioner matrix P"
            value={lr}
            onChange={(e) => setLr(e.target.value)}
            spellCheck={false}
          />
        </label>
      )}
      {error && (
        <p role="alert" className="error">
          {error.message}
        </p>
      )}
    </>
  );
}
