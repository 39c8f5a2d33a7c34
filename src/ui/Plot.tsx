// One plot drawn with d3 scales into React SVG: lines, 95% bands, points with intervals, or
// bars. A simulated curve cut short by diverged trajectories ends in a cross. Hovering shows the
// values nearest the pointer; the plot exports as PNG, SVG and CSV.
import { extent, line, scaleBand, scaleLinear, scaleLog, area, type ScaleContinuousNumeric } from 'd3';
import { useMemo, useRef, useState } from 'react';
import { divergedNote, plotCSV, type PlotSpec } from '../app/plots/plotData';
import { anchorsRange, firstExit, rangeValues, xSymbol } from '../app/plots/plotRange';
import { fmt } from './format';
import { exportCsv, exportPng, exportSvg } from './plotExport';

/** Colour class: by tone where a series names one (a line with its band), else by position. */
const tint = (tone: number | undefined, i: number) => (tone !== undefined ? `t${tone % 4}` : `s${i % 5}`);

const W = 600;
const H = 300;
const M = { top: 16, right: 16, bottom: 42, left: 64 };

function numericScale(
  log: boolean | undefined,
  values: number[],
  range: [number, number],
): ScaleContinuousNumeric<number, number> {
  const ok = values.filter((v) => Number.isFinite(v) && (!log || v > 0));
  let [lo, hi] = extent(ok) as [number | undefined, number | undefined];
  if (lo === undefined || hi === undefined) [lo, hi] = log ? [1, 10] : [0, 1];
  if (lo === hi) [lo, hi] = log ? [lo / 2, hi * 2] : [lo - 1, hi + 1];
  return (log ? scaleLog() : scaleLinear()).domain([lo, hi]).range(range).nice();
}

/** Tick labels; on a log axis only those d3 would label (1, 2, 5 … per decade), so they never overlap. */
function tickLabel(
  scale: ScaleContinuousNumeric<number, number>,
  log: boolean | undefined,
  count: number,
  digits: number,
): (t: number) => string {
  const shown = log ? scale.tickFormat(count) : null;
  return (t) => (shown && shown(t) === '' ? '' : fmt(t, digits));
}

export function Plot({ spec }: { spec: PlotSpec }) {
  const svgRef = useRef<SVGSVGElement>(null);
  const [hover, setHover] = useState<{ x: number; y: number; text: string[] } | null>(null);
  const isBar = spec.bars.length > 0 && spec.lines.length === 0;
  const geo = useMemo(() => {
    const ends = spec.ends ?? [];
    const xs = [
      ...spec.lines.flatMap((l) => l.points.map((p) => p.x)),
      ...spec.bands.flatMap((b) => b.points.map((p) => p.x)),
      ...spec.dots.flatMap((d) => d.points.map((p) => p.x)),
      ...ends.map((e) => e.x),
    ];
    const x = numericScale(spec.xLog, xs, [M.left, W - M.right]);
    // the y range follows the simulation and the prediction; other curves are clipped to it
    const y = numericScale(spec.yLog, rangeValues(spec), [H - M.bottom, M.top]);
    const [lo, hi] = y.domain() as [number, number];
    const exits = spec.lines.map((l) =>
      anchorsRange(l.style) ? null : firstExit(l.points, { lo, hi }, spec.xLog, spec.yLog),
    );
    const band = scaleBand<string>()
      .domain(spec.bars.map((b) => b.name))
      .range([M.left, W - M.right])
      .padding(0.25);
    return { x, y, band, exits, lo, hi };
  }, [spec]);
  const { x, y, band, exits, lo, hi } = geo;
  const sym = xSymbol(spec.xLabel);
  const inRange = (v: number) => Math.min(hi, Math.max(lo, v));
  const clipId = `plot-clip-${spec.id}`;
  const xTick = tickLabel(x, spec.xLog, 6, 2);
  const yTick = tickLabel(y, spec.yLog, 5, 3);
  const fin = (v: number) => Number.isFinite(v) && (!spec.yLog || v > 0);
  const path = line<{ x: number; y: number }>()
    .defined((p) => fin(p.y))
    .x((p) => x(p.x))
    .y((p) => y(p.y));
  const bandPath = area<{ x: number; lo: number; hi: number }>()
    .defined((p) => fin(p.lo) && fin(p.hi))
    .x((p) => x(p.x))
    .y0((p) => y(p.lo))
    .y1((p) => y(p.hi));

  const onMove = (e: React.PointerEvent<SVGSVGElement>) => {
    const r = svgRef.current!.getBoundingClientRect();
    const px = ((e.clientX - r.left) * W) / r.width;
    const py = ((e.clientY - r.top) * H) / r.height;
    if (isBar) {
      const b = spec.bars.find((q) => px >= band(q.name)! && px <= band(q.name)! + band.bandwidth());
      setHover(
        b
          ? {
              x: px,
              y: py,
              text: [b.name, `${fmt(b.value)}${b.lo !== undefined ? ` [${fmt(b.lo)}, ${fmt(b.hi)}]` : ''}`],
            }
          : null,
      );
      return;
    }
    const xv = x.invert(px);
    const text = [`${spec.xLabel}: ${fmt(xv)}`];
    for (const l of spec.lines) {
      const near = l.points.reduce(
        (best, p) => (Math.abs(x(p.x) - px) < Math.abs(x(best.x) - px) ? p : best),
        l.points[0],
      );
      if (near) text.push(`${l.name}: ${fmt(near.y)} (at ${fmt(near.x)})`);
    }
    for (const d of spec.dots) {
      const near = d.points.find((p) => Math.abs(x(p.x) - px) < 8);
      if (near) text.push(`${d.name}: ${fmt(near.y)} [${fmt(near.lo)}, ${fmt(near.hi)}]`);
    }
    setHover({ x: px, y: py, text });
  };

  const name = `sgd-${spec.id}`;
  return (
    <figure className="plot" aria-label={spec.title}>
      <figcaption>
        <span>{spec.title}</span>
        <span className="exports">
          <button type="button" onClick={() => void exportPng(svgRef.current!, name)}>
            PNG
          </button>
          <button type="button" onClick={() => exportSvg(svgRef.current!, name)}>
            SVG
          </button>
          <button type="button" onClick={() => exportCsv(plotCSV(spec), name)}>
            CSV
          </button>
        </span>
      </figcaption>
      <svg
        ref={svgRef}
        viewBox={`0 0 ${W} ${H}`}
        className="plot-svg"
        role="img"
        aria-label={`${spec.title} (plot)`}
        data-plot={spec.id}
        onPointerMove={onMove}
        onPointerLeave={() => setHover(null)}
      >
        <g className="axis">
          {!isBar &&
            x.ticks(6).map((t) => (
              <g key={`x${t}`} transform={`translate(${x(t)},0)`}>
                <line y1={H - M.bottom} y2={M.top} className="gridline" />
                <text y={H - M.bottom + 16} textAnchor="middle">
                  {xTick(t)}
                </text>
              </g>
            ))}
          {isBar &&
            spec.bars.map((b) => (
              <text
                key={b.name}
                x={band(b.name)! + band.bandwidth() / 2}
                y={H - M.bottom + 14}
                textAnchor="middle"
                className="bar-label"
              >
                {b.name.length > 14 ? `${b.name.slice(0, 13)}…` : b.name}
              </text>
            ))}
          {y.ticks(5).map((t) => (
            <g key={`y${t}`} transform={`translate(0,${y(t)})`}>
              <line x1={M.left} x2={W - M.right} className="gridline" />
              <text x={M.left - 6} dy="0.32em" textAnchor="end">
                {yTick(t)}
              </text>
            </g>
          ))}
          <text x={(M.left + W - M.right) / 2} y={H - 6} textAnchor="middle" className="axis-title">
            {spec.xLabel}
          </text>
          <text
            transform={`translate(14,${(M.top + H - M.bottom) / 2}) rotate(-90)`}
            textAnchor="middle"
            className="axis-title"
          >
            {spec.yLabel}
          </text>
        </g>
        <defs>
          <clipPath id={clipId}>
            <rect x={M.left} y={M.top} width={W - M.left - M.right} height={H - M.top - M.bottom} />
          </clipPath>
        </defs>
        <g clipPath={`url(#${clipId})`}>
          {spec.bands.map((b, i) => (
            <path
              key={b.name}
              className={`band ${b.kind === 'allowance' ? 'allowance' : tint(b.tone, i)}`}
              d={bandPath(b.points) ?? ''}
              data-series={b.name}
            />
          ))}
          {spec.lines.map((l, i) => (
            <path
              key={l.name}
              className={`line ${l.style} ${tint(l.tone, i)}`}
              d={path(l.points) ?? ''}
              data-series={l.name}
            />
          ))}
        </g>
        {spec.lines.map((l, i) => {
          const e = exits[i];
          if (!e) return null;
          const cx = x(e.x);
          const cy = y(e.y);
          const d =
            e.side === 'above'
              ? `M${cx - 5},${cy + 7}L${cx + 5},${cy + 7}L${cx},${cy}Z`
              : `M${cx - 5},${cy - 7}L${cx + 5},${cy - 7}L${cx},${cy}Z`;
          return <path key={`exit-${l.name}`} className={`exit-mark ${tint(l.tone, i)}`} d={d} data-exit={l.name} />;
        })}
        {spec.ends?.map((e) => (
          <g
            key={`end-${e.name}`}
            className="sim-end"
            data-series={`${e.name} diverged`}
            transform={`translate(${x(e.x)},${fin(e.y) ? y(e.y) : y.range()[0]})`}
          >
            <title>{divergedNote(e)}</title>
            <path d="M-6,-6L6,6M-6,6L6,-6" />
          </g>
        ))}
        {spec.dots.map((d) =>
          d.points.map((p) => (
            <g
              key={`${d.name}${p.x}`}
              className={`dot${d.tone !== undefined ? ` t${d.tone % 4}` : ''}`}
              data-series={d.name}
            >
              <line x1={x(p.x)} x2={x(p.x)} y1={fin(p.lo) ? y(p.lo) : y.range()[0]} y2={y(p.hi)} />
              <circle cx={x(p.x)} cy={fin(p.y) ? y(p.y) : y.range()[0]} r={4} />
            </g>
          )),
        )}
        {spec.bars.map((b) => (
          <g key={b.name} className={`bar${b.lo === undefined ? ' predicted' : ''}`} data-series={b.name}>
            <rect
              x={band(b.name)}
              width={band.bandwidth()}
              y={Math.min(y(inRange(b.value)), y(inRange(0)))}
              height={Math.abs(y(inRange(b.value)) - y(inRange(0)))}
            />
            {b.lo !== undefined && (
              <line
                x1={band(b.name)! + band.bandwidth() / 2}
                x2={band(b.name)! + band.bandwidth() / 2}
                y1={y(b.lo)}
                y2={y(b.hi!)}
              />
            )}
          </g>
        ))}
        {hover && (
          <g
            className="tooltip"
            transform={`translate(${Math.min(hover.x + 10, W - 250)},${Math.max(hover.y - 10 - hover.text.length * 14, 4)})`}
          >
            <rect width={240} height={hover.text.length * 14 + 8} rx={4} />
            {hover.text.map((t, i) => (
              <text key={i} x={6} y={16 + i * 14}>
                {t.length > 44 ? `${t.slice(0, 43)}…` : t}
              </text>
            ))}
          </g>
        )}
      </svg>
      <ul className="plot-legend">
        {spec.lines.map((l, i) => (
          <li key={l.name}>
            <span className={`swatch ${l.style} ${tint(l.tone, i)}`} />
            {l.name}
            {exits[i] && (
              <span className="leaves">
                {exits[i]!.atStart ? ` — ${exits[i]!.side} the plot from ${sym} ≈ ` : ` — leaves the plot at ${sym} ≈ `}
                {fmt(exits[i]!.x, 2)}
              </span>
            )}
          </li>
        ))}
        {spec.bands
          .filter((b) => b.kind === 'allowance')
          .map((b) => (
            <li key={b.name}>
              <span className="swatch allowance" />
              {b.name}
            </li>
          ))}
        {spec.bars
          .filter((b) => b.value > hi || b.value < lo)
          .map((b) => (
            <li key={b.name}>
              {b.name} = {fmt(b.value)} leaves the plot
            </li>
          ))}
        {spec.ends?.map((e) => (
          <li key={`end-${e.name}`}>
            <span className="swatch-cross" aria-hidden="true">
              ✕
            </span>
            {e.name} diverged
          </li>
        ))}
        {spec.dots.map((d) => (
          <li key={d.name}>
            <span className={`swatch dotswatch${d.tone !== undefined ? ` t${d.tone % 4}` : ''}`} />
            {d.name}
          </li>
        ))}
      </ul>
      {spec.note && <p className="hint">{spec.note}</p>}
    </figure>
  );
}
