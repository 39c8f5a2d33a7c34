// Everything the panels show from the theory, computed in one job (in the prediction worker):
// the headline prediction, the exact series, the numbers the open plot draws, the editor's
// diagram and the placed embedding. Each part is answered or refused on its own, so a refusal
// stands where its number would be and the other numbers still show.
import type { Diagram } from '../../theory/diagram';
import type { Cell } from '../../theory/embeddings';
import type { Contribution } from '../../theory/resummed';
import { diagramNumbers, embeddingValue, type DiagramNumbers } from '../diagrams/diagramNumbers';
import type { PlotTab } from '../links/linkFields';
import type { ScenarioParams } from '../scenario/params';
import { ETA_GRID_POINTS, logGrid } from '../plots/plotData';
import { contextFor, SERIES_PLOT_ORDER, type PredictionContext } from '../derived/predictions';
import { buildScenario } from '../scenario/scenario';

/** Up to this T the exact series is evaluated beside the resummed prediction. */
export const SERIES_MAX_T = 4096;

export interface PredictionRequest {
  params: ScenarioParams;
  tab: PlotTab;
  /** the η range the plots against η cover (it follows the last run's sweep) */
  etaRange: [number, number];
  /** the diagram in the editor */
  diagram: Diagram;
  /** the diagram placed on the grid, with its cells when the placement is legal */
  placed: { diagram: Diagram; cells: Cell[] | null } | null;
}

export type Part<T> = { ok: true; value: T } | { ok: false; message: string };

export interface PlotPredictions {
  tab: PlotTab;
  T: number;
  order: number;
  eta: number;
  /** φ(θ₀) */
  initial: number;
  /** the resummed prediction at η */
  headline: number;
  /** the curve against t (trajectory tab) */
  curve: { t: number; value: number; series: number | null }[] | null;
  /** the η grid and the resummed prediction on it (plots against η) */
  etaGrid: number[] | null;
  resummedGrid: number[] | null;
  /** the series coefficients a_0..a_4 (the plot of the observable at T against η) */
  seriesPlot: number[] | null;
  contributions: Contribution[] | null;
  /** the spread tab: E φ and √Var φ against t, for a formula observable φ (see spreadPredictions) */
  spread: SpreadPredictions | null;
}

export interface SpreadPredictions {
  phi: string;
  /** the scenario's observable is Var φ (runs report the variance), not E φ */
  variance: boolean;
  points: { t: number; mean: number; sd: number }[];
}

/**
 * The predicted spread of a formula observable φ against t: E φ and √Var φ from the resummed
 * models of φ and of its variance (a truncated variance below 0 is drawn as 0).
 */
export function spreadPredictions(ctx: PredictionContext, eta: number): SpreadPredictions {
  const ob = ctx.scenario.observable;
  if (typeof ob !== 'object' || !('formula' in ob || 'variance' in ob)) {
    throw new Error('The spread plot is drawn for a formula observable φ (choose "Formula φ(θ)").');
  }
  const variance = 'variance' in ob;
  const phi = variance ? ob.variance : ob.formula;
  const meanCtx = variance ? contextFor({ ...ctx.scenario, observable: { formula: phi } }) : ctx;
  const varCtx = variance ? ctx : contextFor({ ...ctx.scenario, observable: { variance: phi } });
  const mean = meanCtx.curveAt(eta);
  const v = varCtx.curveAt(eta);
  return {
    phi,
    variance,
    points: mean.map((c, i) => ({ t: c.t, mean: c.value, sd: Math.sqrt(Math.max(0, v[i].value)) })),
  };
}

export interface PredictionData {
  /** the headline: E φ(θ_T) resummed, how long its evaluation took, and T */
  headline: Part<{ value: number; ms: number; T: number }>;
  /** the exact series through the order at η (null: not evaluated for this T) */
  series: Part<number | null>;
  plot: Part<PlotPredictions>;
  diagram: Part<DiagramNumbers>;
  placed: Part<{ embeddings: number | string; value: number | null }> | null;
}

const why = (e: unknown): string => (e instanceof Error ? e.message : String(e));

function part<T>(f: () => T): Part<T> {
  try {
    return { ok: true, value: f() };
  } catch (e) {
    return { ok: false, message: why(e) };
  }
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

function plotPart(ctx: PredictionContext, req: PredictionRequest, headline: number): PlotPredictions {
  const { eta, order } = req.params;
  const out: PlotPredictions = {
    tab: req.tab,
    T: ctx.T,
    order,
    eta,
    initial: ctx.initial(),
    headline,
    curve: null,
    etaGrid: null,
    resummedGrid: null,
    seriesPlot: null,
    contributions: null,
    spread: null,
  };
  switch (req.tab) {
    case 'trajectory':
      out.curve = ctx.curveAt(eta);
      break;
    case 'at-T':
      out.seriesPlot = ctx.series(SERIES_PLOT_ORDER);
      out.etaGrid = logGrid(...req.etaRange, ETA_GRID_POINTS);
      out.resummedGrid = out.etaGrid.map((x) => ctx.resummed(x));
      break;
    case 'drift':
      out.etaGrid = logGrid(...req.etaRange, ETA_GRID_POINTS);
      out.resummedGrid = out.etaGrid.map((x) => ctx.resummed(x));
      break;
    case 'optimizers':
      break;
    case 'diagrams':
      out.contributions = ctx.contributions(eta);
      break;
    case 'spread':
      out.spread = spreadPredictions(ctx, eta);
      break;
    default: {
      const never: never = req.tab;
      throw new Error(`unknown plot ${String(never)}`);
    }
  }
  return out;
}

export function computePredictions(req: PredictionRequest): PredictionData {
  const built = buildScenario(req.params);
  if (!built.ok) {
    const no = { ok: false as const, message: built.message };
    return { headline: no, series: no, plot: no, diagram: no, placed: req.placed ? no : null };
  }
  const eta = req.params.eta;
  const ctxPart = part(() => contextFor(built.scenario));
  if (!ctxPart.ok) {
    return { headline: ctxPart, series: ctxPart, plot: ctxPart, diagram: ctxPart, placed: req.placed ? ctxPart : null };
  }
  const ctx = ctxPart.value;
  const headline = part(() => {
    ctx.resummed(eta); // the first call builds the model; the time reported is a slider move's
    const t0 = now();
    const value = ctx.resummed(eta);
    return { value, ms: now() - t0, T: ctx.T };
  });
  const series = part(() => (ctx.T > SERIES_MAX_T ? null : ctx.seriesAt(req.params.order, eta)));
  const plot: Part<PlotPredictions> = headline.ok ? part(() => plotPart(ctx, req, headline.value.value)) : headline;
  const diagram = part(() => diagramNumbers(ctx, req.diagram, eta));
  const placed = req.placed
    ? part(() => {
        const { diagram: d, cells } = req.placed!;
        const nums = diagramNumbers(ctx, d, eta);
        const value = cells ? embeddingValue(ctx, d, cells, eta, ctx.model.spacetime) : null;
        return { embeddings: nums.embeddings, value };
      })
    : null;
  return { headline, series, plot, diagram, placed };
}

/** What to change when a prediction takes too long, from the parameters that drive its cost. */
export function predictionHint(p: ScenarioParams): string {
  const changes: string[] = [];
  if (p.epochs > 1 && p.shuffle) changes.push('turn reshuffling off');
  changes.push(`lower the order (now ${p.order})`);
  if (p.landscape === 'custom') {
    const dim = p.custom.weights.split(',').filter((w) => w.trim()).length;
    if (dim > 3) changes.push(`use fewer weights (now ${dim})`);
  }
  if (p.epochs > 1 || p.batches) changes.push('use fewer epochs or a smaller N');
  return changes.join(', or ');
}
