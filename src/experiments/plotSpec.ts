// What a plot draws, as plain data (lines, 95% bands, points with intervals, bars): built by
// the experiments and by the explorer's own plots, drawn by the UI, exported as CSV.
export interface XY {
  x: number;
  y: number;
}
export type LineStyle = 'prediction' | 'series' | 'reference' | 'sim';

export interface PlotSpec {
  id: string;
  title: string;
  xLabel: string;
  yLabel: string;
  xLog?: boolean;
  yLog?: boolean;
  /** `tone` pairs a line with its band or points by colour (default: by position) */
  lines: { name: string; style: LineStyle; points: XY[]; tone?: number }[];
  /** an 'allowance' band (the prediction's truncation allowance) never sets the y range */
  bands: { name: string; points: { x: number; lo: number; hi: number }[]; tone?: number; kind?: 'allowance' }[];
  dots: { name: string; points: { x: number; y: number; lo: number; hi: number }[]; tone?: number }[];
  bars: { name: string; value: number; lo?: number; hi?: number }[];
  /** simulated curves cut short by diverged trajectories: drawn as a mark where they stop */
  ends?: SimEnd[];
  note?: string;
}

/** Where a simulated curve stops because some trajectories left the finite range. */
export interface SimEnd {
  name: string;
  x: number;
  y: number;
  diverged: number;
  firstDiverged: number;
}

export const Z95 = 1.96;
export const empty = (id: string, title: string, xLabel: string, yLabel: string): PlotSpec => ({
  id,
  title,
  xLabel,
  yLabel,
  lines: [],
  bands: [],
  dots: [],
  bars: [],
});

/** n points from lo to hi, equally spaced in log (n = 1: just lo). */
export const logGrid = (lo: number, hi: number, n = 32): number[] =>
  Array.from({ length: n }, (_, i) => (n === 1 ? lo : lo * (hi / lo) ** (i / (n - 1))));
