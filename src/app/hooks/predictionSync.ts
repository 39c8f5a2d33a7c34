// Keeps the theory's numbers in step with the store: every change that matters becomes a request
// to the prediction worker (latest wins, see jobClient), and each answer lands in a small store the
// panels read. The page's thread only assembles requests and draws answers.
import { create } from 'zustand';
import { parseDiagram } from '../../theory/diagram';
import type { Cell } from '../../theory/embeddings';
import { spacetimeOf } from '../state/gridSlice';
import { JobClient, type JobOutcome, moduleWorker } from '../workers/jobClient';
import type { ScenarioParams } from '../scenario/params';
import { placementProblems } from '../diagrams/placement';
import { etaRange } from '../plots/plotData';
import {
  computePredictions,
  predictionHint,
  type PredictionData,
  type PredictionRequest,
} from '../workers/predictionJob';
import { paramsOf } from '../state/scenarioSlice';
import { comparableRun, workKeyOf } from '../scenario/staleness';
import { useAppStore, type AppState } from '../state/store';

export interface PredictionAnswer {
  req: PredictionRequest;
  key: string;
  workKey: string;
  outcome: JobOutcome<PredictionData>;
}

interface PredictionStore {
  /** the newest request's keys */
  key: string | null;
  workKey: string | null;
  answer: PredictionAnswer | null;
}

export const usePredictionStore = create<PredictionStore>()(() => ({ key: null, workKey: null, answer: null }));

const requestKey = (r: PredictionRequest): string => JSON.stringify(r);

// the last placement checked: the store changes often (runs report progress) while a placement
// and its schedule rarely do, and checking builds the spacetime
let lastPlaced: { inputs: unknown[]; placed: PredictionRequest['placed'] } | null = null;

function placedOf(s: AppState, p: ScenarioParams): PredictionRequest['placed'] {
  const { notation, placement } = s.grid;
  if (!notation || !placement) return null;
  const inputs = [notation, placement, p.observable, p.N, p.B, p.epochs, p.shuffle, p.batches];
  if (lastPlaced && lastPlaced.inputs.every((x, i) => x === inputs[i])) return lastPlaced.placed;
  let placed: PredictionRequest['placed'];
  try {
    const diagram = parseDiagram(notation);
    const legal = placementProblems(diagram, p.observable, spacetimeOf(p), placement).length === 0;
    placed = { diagram, cells: legal ? (placement.cells as Cell[]) : null };
  } catch {
    placed = null;
  }
  lastPlaced = { inputs, placed };
  return placed;
}

export function requestOf(s: AppState): PredictionRequest {
  const params = paramsOf(s);
  return {
    params,
    tab: s.plot,
    etaRange: etaRange(s.eta, comparableRun(s.run, params)),
    diagram: s.editor.diagram,
    placed: placedOf(s, params),
  };
}

const spawnWorker = moduleWorker(
  () => new Worker(new URL('../workers/prediction.worker.ts', import.meta.url), { type: 'module' }),
);

export function startPredictionSync(): () => void {
  const client = new JobClient<PredictionRequest, PredictionData>({
    spawn: spawnWorker,
    inline: computePredictions,
    workKey: (r) => workKeyOf(r.params),
    tooLong: (r) => predictionHint(r.params),
    onOutcome: (req, outcome) => {
      usePredictionStore.setState({ answer: { req, key: requestKey(req), workKey: workKeyOf(req.params), outcome } });
    },
  });
  let last = '';
  const sync = (s: AppState) => {
    const req = requestOf(s);
    const key = requestKey(req);
    if (key === last) return;
    last = key;
    usePredictionStore.setState({ key, workKey: workKeyOf(req.params) });
    client.submit(req);
  };
  sync(useAppStore.getState());
  const unsub = useAppStore.subscribe(sync);
  return () => {
    unsub();
    client.dispose();
  };
}

export interface Predictions {
  /** the newest answer, or null before the first */
  answer: PredictionAnswer | null;
  /** the answer is for the scenario now on screen (possibly at an older η) */
  current: boolean;
  /** a newer request is still being computed */
  pending: boolean;
}

export function usePredictions(): Predictions {
  const answer = usePredictionStore((s) => s.answer);
  const key = usePredictionStore((s) => s.key);
  const workKey = usePredictionStore((s) => s.workKey);
  return {
    answer,
    current: answer !== null && answer.workKey === workKey,
    pending: answer === null || answer.key !== key,
  };
}
