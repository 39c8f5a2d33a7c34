// The preset list: one entry per experiment of the paper, and the errata view. Choosing one
// opens its view above the explorer and moves focus there.
import { PRESETS } from '../app/presets/presets';
import { verdictOf } from '../app/state/presetSlice';
import { useAppStore } from '../app/state/store';

export const PRESET_HEADING_ID = 'preset-heading';

/** In the header: the preset list sits below the scenario, so this brings it into view. */
export function PresetsJump() {
  const jump = () => {
    const first = document.querySelector<HTMLButtonElement>('.preset-list button');
    first?.closest('section')?.scrollIntoView({ block: 'start' });
    first?.focus({ preventScroll: true });
  };
  return (
    <button type="button" onClick={jump}>
      Experiments
    </button>
  );
}

export function Presets() {
  const current = useAppStore((s) => s.preset);
  const runs = useAppStore((s) => s.presetRuns);
  const open = useAppStore((s) => s.openPreset);
  const choose = (name: string) => {
    open(name);
    requestAnimationFrame(() => {
      const h = document.getElementById(PRESET_HEADING_ID);
      h?.focus({ preventScroll: true });
      h?.closest('section')?.scrollIntoView({ block: 'start' });
    });
  };
  return (
    <section className="panel presets" aria-labelledby="presets-heading">
      <h2 id="presets-heading" className="panel-title">
        Presets
      </h2>
      <ul aria-label="Presets" className="preset-list">
        {PRESETS.map((p) => {
          const v = runs[p.name] ? verdictOf(runs[p.name]) : null;
          return (
            <li key={p.name} aria-label={p.title} className={p.name === current ? 'active' : undefined}>
              <div className="preset-line">
                <button
                  type="button"
                  aria-current={p.name === current ? 'true' : undefined}
                  aria-describedby={`claim-${p.name}`}
                  title={`${p.title} (${p.name})`}
                  onClick={() => choose(p.name)}
                >
                  {p.title}
                </button>
                {v && <span className={`badge ${v.pass ? 'pass' : 'fail'}`}>{v.pass ? 'pass' : 'fail'}</span>}
              </div>
              <p id={`claim-${p.name}`} className="claim" title={p.claim}>
                {p.claim}
              </p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
