// The errata: each corollary's printed and verified forms, typeset, scored against the same
// measurement; the form the data support is highlighted. The formulas show before any run.
import { useMemo } from 'react';
import { errataTable, type ErrataTableRow } from '../app/presets/errata';
import { useAppStore } from '../app/state/store';
import type { Erratum } from '../experiments/types';
import { fmt } from './format';
import { PresetRunBar } from './PresetRunBar';
import { Tex } from './Tex';

const SUPPORT: Record<Erratum['supports'], [string, string]> = {
  verified: ['verified', 'the data reject the printed form and support the verified one'],
  printed: ['printed', 'the data support the printed form and reject the verified one'],
  both: ['both', 'the data cannot tell the two forms apart'],
  neither: ['neither', 'the data reject both forms'],
};

/** A form: its formula, and once measured its value and z (how many s.e. the data lie from it). */
function FormCell({
  tex,
  label,
  value,
  z,
  supported,
}: {
  tex: string;
  label: string;
  value?: number;
  z?: number;
  supported: boolean;
}) {
  return (
    <td className={supported ? 'supported' : undefined}>
      <Tex tex={tex} label={label} />
      {value !== undefined && (
        <div className="value">
          = {fmt(value)} · <span aria-label={`${label}: z`}>z = {fmt(z, 3)}</span>
        </div>
      )}
    </td>
  );
}

function Row({ r }: { r: ErrataTableRow }) {
  const m = r.measured;
  const s = m?.supports;
  return (
    <tr data-corollary={r.corollary}>
      <th scope="row">
        {r.corollary}
        <div className="value">{r.experiment}</div>
      </th>
      <td>{r.quantity}</td>
      <FormCell
        tex={r.printed}
        label={`${r.corollary} as printed`}
        value={m?.printed.value}
        z={m?.zPrinted}
        supported={s === 'printed' || s === 'both'}
      />
      <FormCell
        tex={r.verified}
        label={`${r.corollary} verified`}
        value={m?.verified.value}
        z={m?.zVerified}
        supported={s === 'verified' || s === 'both'}
      />
      <td className="num">{m ? `${fmt(m.measured.value)} ± ${fmt(m.measured.stderr, 2)}` : '—'}</td>
      <td>
        {s ? (
          <span className={`support ${s}`} title={SUPPORT[s][1]}>
            {SUPPORT[s][0]}
          </span>
        ) : (
          <span className="muted">not run</span>
        )}
      </td>
    </tr>
  );
}

export function ErrataView() {
  const runs = useAppStore((s) => s.presetRuns);
  const rows = useMemo(() => {
    const results = Object.values(runs).flatMap((r) => (r.result ? [r.result] : []));
    return errataTable(results, runs.errata?.errata ?? null);
  }, [runs]);
  return (
    <>
      <p className="claim">
        Where the paper prints a formula that differs from the verified one, both are scored against the same
        simulation: z is (measured − form) / s.e., and a form is supported when |z| &lt; 4. Experiments already run in
        this session fill their rows; the button runs the rest.
      </p>
      <PresetRunBar name="errata" runLabel="Run the deciding simulations" />
      <div className="table-scroll">
        <table aria-label="Errata" className="errata">
          <thead>
            <tr>
              <th scope="col">Corollary</th>
              <th scope="col">Quantity</th>
              <th scope="col">Printed in the paper (value, z)</th>
              <th scope="col">Verified (value, z)</th>
              <th scope="col">Measured ± s.e.</th>
              <th scope="col">Supports</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <Row key={r.key} r={r} />
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
