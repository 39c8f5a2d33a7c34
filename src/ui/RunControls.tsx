// Run / Stop, the progress bar with trajectory-steps per second, and the engine in use.
import { runDivergence } from '../app/divergence';
import { describeGpu } from '../app/gpuProbe';
import { useAppStore } from '../app/store';
import { fmtRate } from './format';

export function RunControls() {
  const run = useAppStore((s) => s.run);
  const startRun = useAppStore((s) => s.startRun);
  const stopRun = useAppStore((s) => s.stopRun);
  const gpu = useAppStore((s) => s.gpu);
  const running = run.status === 'running';
  const diverged = runDivergence(run);
  const frac = run.progress.total > 0 ? run.progress.done / run.progress.total : 0;
  let engine: string;
  if (run.engine && run.engine.adapter) {
    engine = run.engine.kind === 'gpu' ? `GPU: ${run.engine.adapter}` : `CPU fallback (${run.engine.reason ?? 'CPU engine'})`;
  } else if (gpu.state === 'done') {
    engine = gpu.report.available ? `GPU: ${describeGpu(gpu.report).replace(/^WebGPU: /, '')}` : `CPU fallback (${gpu.report.reason})`;
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
      <progress aria-label="Simulation progress" max={1} value={running || run.status === 'done' ? frac : 0} />
      <p className="run-status" role="status" aria-label="Run status">
        {run.status === 'idle' && 'Not run yet'}
        {run.status === 'running' && `Running… ${(frac * 100).toFixed(0)}% · ${fmtRate(run.progress.perSecond)} trajectory-steps/s`}
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
