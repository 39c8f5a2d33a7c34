// How many trajectories of a run left the finite range and from which step, in words for the run
// status and the theory panel (the engine counts them; a mean over them does not exist).
import type { SimResult } from '../../sim/engine';
import type { RunState } from '../state/runSlice';

export const trajectoriesWord = (n: number): string => (n === 1 ? 'trajectory' : 'trajectories');

/** "256 of 256 trajectories diverged, the first at step 3", or null when none did. */
export function divergedText(r: Pick<SimResult, 'diverged' | 'trajectories' | 'firstDiverged'>): string | null {
  if (r.diverged === 0) return null;
  const first = r.firstDiverged === null ? '' : `, the first at step ${r.firstDiverged}`;
  return `${r.diverged} of ${r.trajectories} ${trajectoriesWord(r.trajectories)} diverged${first}`;
}

/** One line per job of the run that had diverged trajectories, naming the job. */
export function runDivergence(run: Pick<RunState, 'jobs' | 'results'>): string[] {
  const out: string[] = [];
  run.results.forEach((r, i) => {
    const text = r ? divergedText(r) : null;
    if (!r || !text) return;
    const job = run.jobs[i];
    const name = job.kind === 'optimizer' ? job.optimizer.toUpperCase() : `SGD at η = ${job.eta} (sweep)`;
    out.push(`${name}: ${text}`);
  });
  return out;
}
