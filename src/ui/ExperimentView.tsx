// One experiment: its claim, Run / Stop with progress, the verdict, and its plots.
import { useMemo } from 'react';
import { experimentPlots } from '../app/plots/experimentPlots';
import { presetByName } from '../app/presets/presets';
import { useAppStore } from '../app/state/store';
import { Plot } from './Plot';
import { PresetRunBar } from './PresetRunBar';

export function ExperimentView({ name }: { name: string }) {
  const result = useAppStore((s) => s.presetRuns[name]?.result ?? null);
  const plots = useMemo(() => (result ? experimentPlots(result) : null), [result]);
  return (
    <>
      <p className="claim">{presetByName(name)?.claim}</p>
      <PresetRunBar name={name} runLabel="Run experiment" />
      {typeof plots === 'string' && <p className="hint">{plots}</p>}
      {Array.isArray(plots) && (
        <div className="experiment-plots">
          {plots.map((p) => (
            <Plot key={p.id} spec={p} />
          ))}
        </div>
      )}
    </>
  );
}
