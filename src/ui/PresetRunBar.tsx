// Run / Stop for a preset, the Quick toggle, its progress, and the verdict of its last run.
import type { Verdict as VerdictData } from '../experiments/types';
import { IDLE_PRESET_RUN, verdictOf, type PresetRun } from '../app/state/presetSlice';
import { useAppStore } from '../app/state/store';
import { fmt } from './format';

function statusText(r: PresetRun): string {
  const form = r.quick ? 'quick' : 'full';
  switch (r.status) {
    case 'idle':
      return 'Not run yet';
    case 'running':
      return `Running (${form})… ${(r.fraction * 100).toFixed(0)}% · ${r.label}`;
    case 'done': {
      const engine = r.result ? ` · ${r.result.engine === 'gpu' ? `GPU: ${r.result.adapter}` : 'CPU twin'}` : '';
      return `Done (${form}) in ${r.seconds.toFixed(1)} s${engine}`;
    }
    case 'cancelled':
      return 'Stopped';
    case 'error':
      return 'Failed';
  }
}

export function Verdict({ verdict }: { verdict: VerdictData | null }) {
  return (
    <div role="status" aria-label="Verdict" className={`verdict${verdict ? (verdict.pass ? ' pass' : ' fail') : ''}`}>
      {verdict ? (
        <>
          <span className={`badge ${verdict.pass ? 'pass' : 'fail'}`}>{verdict.pass ? 'pass' : 'fail'}</span>
          <span>z = {fmt(verdict.z, 3)}</span>
          <p className="detail">{verdict.detail}</p>
        </>
      ) : (
        <span className="muted">No verdict yet: run it.</span>
      )}
    </div>
  );
}

export function PresetRunBar({ name, runLabel }: { name: string; runLabel: string }) {
  const run = useAppStore((s) => s.presetRuns[name]) ?? IDLE_PRESET_RUN;
  const quick = useAppStore((s) => s.quick);
  const setQuick = useAppStore((s) => s.setQuick);
  const start = useAppStore((s) => s.runPreset);
  const stop = useAppStore((s) => s.stopPreset);
  const running = run.status === 'running';
  const text = statusText(run);
  return (
    <>
      <div className="preset-run">
        <label>
          <input type="checkbox" checked={quick} disabled={running} onChange={(e) => setQuick(e.target.checked)} />
          Quick
        </label>
        <button type="button" className="primary" onClick={start} disabled={running}>
          {runLabel}
        </button>
        <button type="button" onClick={stop} disabled={!running} aria-label="Stop the experiment">
          Stop
        </button>
        <progress
          aria-label="Experiment progress"
          aria-valuetext={text}
          max={1}
          value={running || run.status === 'done' ? run.fraction : 0}
        />
        <span className="run-status">{text}</span>
      </div>
      {!quick && !running && (
        <p className="hint">Full runs use many more trajectories and η values; they can take many minutes.</p>
      )}
      {run.error && (
        <p role="alert" className="error">
          {run.error}
        </p>
      )}
      <Verdict verdict={running ? null : verdictOf(run)} />
    </>
  );
}
