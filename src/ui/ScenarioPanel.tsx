// The scenario panel: landscape, observable, order, η and T, the schedule, what to simulate,
// and Run / Stop with progress and the engine in use.
import { useCallback } from 'react';
import { OBSERVABLES } from '../app/derived/catalogue';
import { ETA_RANGE, OPTIMIZERS, SCENARIO_ORDERS, T_RANGE, stepsOf } from '../app/scenario/params';
import { useAppStore } from '../app/state/store';
import { useBuilt } from '../app/hooks/useDerived';
import { fmtEta, fmtInt } from './format';
import { LandscapeFields } from './LandscapeFields';
import { LogSlider } from './LogSlider';
import { RunControls } from './RunControls';
import { FormulaField, LearningRateField } from './ObservableFields';

function NumberField({
  label,
  value,
  min,
  max,
  onChange,
}: {
  label: string;
  value: number;
  min: number;
  max?: number;
  onChange: (v: number) => void;
}) {
  return (
    <label className="field inline">
      <span>{label}</span>
      <input
        type="number"
        min={min}
        max={max}
        step={1}
        value={value}
        onChange={(e) =>
          e.target.value !== '' && Number.isFinite(Number(e.target.value)) && onChange(Number(e.target.value))
        }
      />
    </label>
  );
}

export function ScenarioPanel() {
  const s = useAppStore();
  const built = useBuilt();
  const weights = built.ok
    ? built.scenario.weights
    : s.custom.weights
        .split(',')
        .map((w) => w.trim())
        .filter(Boolean);
  const T = stepsOf(s);
  const dragging = useCallback((on: boolean) => s.setDragging(on), [s.setDragging]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <form className="controls scenario" aria-label="Scenario" onSubmit={(e) => e.preventDefault()}>
      <h2 className="panel-title">Scenario</h2>
      <LandscapeFields />
      <fieldset className="group">
        <legend>What to predict</legend>
        <label className="field">
          <span>Observable</span>
          <select
            aria-label="Observable"
            value={s.observable}
            onChange={(e) => s.setObservable(e.target.value as typeof s.observable)}
          >
            {OBSERVABLES.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
        {s.observable === 'weight' && (
          <label className="field inline">
            <span>Coordinate</span>
            <select value={s.weight} onChange={(e) => s.setWeight(e.target.value)}>
              {weights.map((w) => (
                <option key={w} value={w}>
                  {w}
                </option>
              ))}
            </select>
          </label>
        )}
        {s.observable === 'formula' && <FormulaField />}
        <label className="field inline">
          <span>Order (edges)</span>
          <select aria-label="Order (edges)" value={s.order} onChange={(e) => s.setOrder(Number(e.target.value))}>
            {SCENARIO_ORDERS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      <fieldset className="group">
        <legend>Steps and schedule</legend>
        <LogSlider
          label="Learning rate η"
          numberLabel="η value"
          value={s.eta}
          min={ETA_RANGE.min}
          max={ETA_RANGE.max}
          format={fmtEta}
          onChange={s.setEta}
          onDragging={dragging}
        />
        <LogSlider
          label="Steps T"
          numberLabel="T value"
          value={T}
          min={T_RANGE.min}
          max={T_RANGE.max}
          step={0.02}
          integer
          format={fmtInt}
          onChange={s.setSteps}
          onDragging={dragging}
        />
        <div className="row3">
          <NumberField label="N" value={s.N} min={1} onChange={s.setN} />
          <NumberField label="B" value={s.B} min={1} max={s.N} onChange={s.setB} />
          <NumberField label="Epochs" value={s.epochs} min={1} onChange={s.setEpochs} />
        </div>
        <label className="check">
          <input type="checkbox" checked={s.shuffle} onChange={(e) => s.setShuffle(e.target.checked)} />
          <span>Shuffle each epoch</span>
        </label>
        <LearningRateField weights={weights} />
        {s.batches && (
          <p className="hint">
            Custom schedule from the grid ({s.batches.length} updates).{' '}
            <button type="button" className="link" onClick={s.resetSchedule}>
              Back to N, B, epochs
            </button>
          </p>
        )}
      </fieldset>
      <fieldset className="group">
        <legend>Simulation</legend>
        <div className="optimizers" role="group" aria-label="Optimizers to compare">
          {OPTIMIZERS.map((o) => (
            <label key={o.id} className="check" title={o.title}>
              <input
                type="checkbox"
                checked={s.optimizers.includes(o.id)}
                onChange={(e) => s.toggleOptimizer(o.id, e.target.checked)}
              />
              <span>{o.label}</span>
            </label>
          ))}
        </div>
        <div className="row3">
          <NumberField label="Trajectories" value={s.trajectories} min={1} onChange={s.setTrajectories} />
          <NumberField label="Seed" value={s.seed} min={0} onChange={s.setSeed} />
        </div>
        <RunControls />
      </fieldset>
    </form>
  );
}
