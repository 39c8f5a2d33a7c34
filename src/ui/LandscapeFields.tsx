// The landscape picker: the built-ins with their parameters, or a custom formula validated live
// (the error names the column and a caret points at it).
import { LANDSCAPE_CHOICES, landscapeParams, landscapeTitle, type LandscapeChoice } from '../app/scenario/landscapes';
import { useAppStore } from '../app/state/store';
import { useBuilt } from '../app/hooks/useDerived';

export function LandscapeFields() {
  const landscape = useAppStore((s) => s.landscape);
  const params = useAppStore((s) => s.params);
  const custom = useAppStore((s) => s.custom);
  const setLandscape = useAppStore((s) => s.setLandscape);
  const setParam = useAppStore((s) => s.setLandscapeParam);
  const setCustom = useAppStore((s) => s.setCustom);
  const built = useBuilt();
  const lossError = !built.ok && built.field === 'loss' ? built : null;
  // φ and learning-rate problems are shown beside their own fields (ObservableFields)
  const observableOwn = useAppStore((st) => st.observable === 'formula');
  const otherError =
    !built.ok &&
    built.field !== 'loss' &&
    built.field !== 'preconditioner' &&
    !(built.field === 'observable' && observableOwn)
      ? built
      : null;

  return (
    <fieldset className="group">
      <legend>Loss landscape</legend>
      <label className="field">
        <span>Landscape</span>
        <select
          aria-label="Landscape"
          value={landscape}
          onChange={(e) => setLandscape(e.target.value as LandscapeChoice)}
        >
          {LANDSCAPE_CHOICES.map((c) => (
            <option key={c} value={c}>
              {landscapeTitle(c)}
            </option>
          ))}
        </select>
      </label>
      {landscapeParams(landscape).map((p) => (
        <label className="field inline" key={p.name}>
          <span>{p.label}</span>
          <input
            type="number"
            step="any"
            min={p.min}
            max={p.max}
            value={params[p.name] ?? p.default}
            onChange={(e) => e.target.value !== '' && setParam(p.name, Number(e.target.value))}
          />
        </label>
      ))}
      {landscape === 'custom' && (
        <>
          <label className="field">
            <span>Weights</span>
            <input
              type="text"
              value={custom.weights}
              onChange={(e) => setCustom({ weights: e.target.value })}
              spellCheck={false}
            />
          </label>
          <label className="field">
            <span>Initial θ₀</span>
            <input
              type="text"
              value={custom.init}
              onChange={(e) => setCustom({ init: e.target.value })}
              spellCheck={false}
            />
          </label>
          <label className="field">
            <span>Loss l_x(θ), x ~ N(0, 1)</span>
            <textarea
              className="formula"
              rows={3}
              value={custom.loss}
              aria-invalid={lossError ? true : undefined}
              aria-describedby={lossError ? 'formula-error' : undefined}
              onChange={(e) => setCustom({ loss: e.target.value })}
              spellCheck={false}
            />
          </label>
          {lossError && (
            <div id="formula-error" role="alert" className="error">
              <p>{lossError.message}</p>
              {lossError.pos !== undefined && (
                <pre className="caret" aria-hidden="true">
                  {custom.loss.split('\n')[0]}
                  {'\n'}
                  {' '.repeat(Math.min(lossError.pos, 400))}^
                </pre>
              )}
            </div>
          )}
        </>
      )}
      {otherError && (
        <p role="alert" className="error">
          {otherError.message}
        </p>
      )}
    </fieldset>
  );
}
