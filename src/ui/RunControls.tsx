// Run / Stop, progressive runs (target standard error, live trajectory count), the progress bar
// with trajectory-steps per second, and the engine in use.
import { useState } from 'react';
import { runDivergence } from '../app/derived/divergence';
import { describeGpu } from '../app/browser/gpuProbe';
import { PROGRESSIVE_CAP, progressiveStatus } from '../app/state/runSlice';
import { useAppStore } from '../app/state/store';
import { fmtRate } from './format';

const fmtCount = (n: number) => n.toLocaleString('en-US');

export function RunControls() {
  const run = useAppStore((s) => s.run);
  const startRun = useAppStore((s) => s.startRun);
  const stopRun = useAppStore((s) => s.stopRun);
  const gpu = useAppStore((s) => s.gpu);
  const progressive = useAppStore((s) => s.progressive);
  const setProgressive = useAppStore((s) => s.setProgressive);
  // The field's text while typing (a partial number such as "0." stays as typed).
  const [targetText, setTargetText] = useState(String(progressive.target));
  const running = run.status === 'running';
  const live = progressiveStatus(run);
  const diverged = runDivergence(run);
  const frac = run.progress.total > 0 ? run.progress.done / run.progress.total : 0;
  let engine: string;
  if (run.engine && run.engine.adapter) {
    engine =
      run.engine.kind === 'gpu' ? `GPU: ${run.engine.adapter}` : `CPU fallback (${run.engine.reason ?? 'CPU engine'})`;
  } else if (gpu.state === 'done') {
    engine = gpu.report.available
      ? `GPU: ${describeGpu(gpu.report).replace(/^WebGPU: /, '')}`
      : `CPU fallback (${gpu.report.reason})`;
  } else engine = 'probing…';

  return (
    <div className="run">
      <div className="run-buttons">
        <button type="button" className="primary" onClick={startRun} disabled={running}>
          Run
        </button>
        <button type="button" onClick={stopRun} disabled={!running}>
          Stop
        </button>
      </div>
      <div className="run-progressive">
        <label className="field inline">
          <input
            type="checkbox"
            checked={progressive.on}
            disabled={running}
            onChange={(e) => setProgressive({ on: e.target.checked })}
          />
          <span
            title={`keep adding trajectories until the standard error reaches the target (at most ${fmtCount(PROGRESSIVE_CAP)})`}
          >
            Progressive
          </span>
        </label>
        <label className="field inline">
          <span>target s.e.</span>
          <input
            type="number"
            aria-label="Target standard error"
            min={0}
            step="any"
            value={targetText}
            disabled={running || !progressive.on}
            onChange={(e) => {
              setTargetText(e.target.value);
              const v = Number(e.target.value);
              if (e.target.value !== '' && v > 0) setProgressive({ target: v });
            }}
          />
        </label>
      </div>
      {live && (
        <p className="run-live" aria-label="Trajectories simulated">
          {fmtCount(live.trajectories)} trajectories
          {live.stderr !== null && ` · largest s.e. ${live.stderr.toPrecision(3)}`}
          {run.status === 'done' &&
            (live.reached ? ' · target reached' : ` · stopped at the cap of ${fmtCount(live.cap)}`)}
        </p>
      )}
      <progress aria-label="Simulation progress" max={1} value={running || run.status === 'done' ? frac : 0} />
      <p className="run-status" role="status" aria-label="Run status">
        {run.status === 'idle' && 'Not run yet'}
        {run.status === 'running' &&
          (live
            ? `Running… ${fmtRate(run.progress.perSecond)} trajectory-steps/s`
            : `Running… ${(frac * 100).toFixed(0)}% · ${fmtRate(run.progress.perSecond)} trajectory-steps/s`)}
        {run.status === 'done' && `Done · ${fmtRate(run.progress.perSecond)} trajectory-steps/s`}
        {run.status === 'cancelled' && 'Stopped'}
        {run.status === 'error' && 'Failed'}
        {diverged.length > 0 && ' · some trajectories diverged'}
      </p>
      {diverged.length > 0 && (
        <ul className="diverged" aria-label="Diverged trajectories">
          {diverged.map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ul>
      )}
      <p className="engine" aria-label="Engine">
        Engine: {engine}
      </p>
      {run.notes.map((n) => (
        <p className="hint" key={n}>
          {n}
        </p>
      ))}
      {run.error && (
        <p role="alert" className="error">
          {run.error}
        </p>
      )}
    </div>
  );
}
