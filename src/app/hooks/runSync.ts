// Reruns simulations when the scenario changes after a run, but only once a drag has ended
// (predictions follow the drag live; simulations would not keep up).
import { paramsOf } from '../state/scenarioSlice';
import { runMatches } from '../scenario/staleness';
import { useAppStore, type AppState } from '../state/store';

const SETTLE_MS = 350;

/** A run was made and its results are not for the settings now on screen. */
const outdated = (s: AppState): boolean => s.run.status !== 'idle' && !runMatches(s.run, paramsOf(s));

export function startRunSync(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const unsub = useAppStore.subscribe((s) => {
    if (s.dragging || !outdated(s)) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      const now = useAppStore.getState();
      if (!now.dragging && outdated(now)) now.startRun();
    }, SETTLE_MS);
  });
  return () => {
    clearTimeout(timer);
    unsub();
  };
}
