// The open preset, above the explorer: an experiment or the errata table, with Close.
import { ERRATA_PRESET, presetByName } from '../app/presets/presets';
import { useAppStore } from '../app/state/store';
import { ErrataView } from './ErrataView';
import { ExperimentView } from './ExperimentView';
import { PRESET_HEADING_ID } from './Presets';

export function PresetView() {
  const preset = useAppStore((s) => s.preset);
  const open = useAppStore((s) => s.openPreset);
  const info = preset === null ? undefined : presetByName(preset);
  if (!preset || !info) return null;
  return (
    <section className="panel preset-view" aria-labelledby={PRESET_HEADING_ID}>
      <div className="preset-head">
        <h2 id={PRESET_HEADING_ID} className="panel-title" tabIndex={-1}>
          {info.title}
        </h2>
        <button type="button" onClick={() => open(null)} aria-label="Close the preset view">
          Close
        </button>
      </div>
      {preset === ERRATA_PRESET ? <ErrataView /> : <ExperimentView key={preset} name={preset} />}
    </section>
  );
}
