// Reruns simulations when the scenario changes after a run, but only once a drag has ended
// (predictions follow the drag live; simulations would not keep up).
import { paramsKey } from './runSlice';
import { paramsOf } from './scenarioSlice';
import { useAppStore } from './store';

const SETTLE_MS = 350;

export function startRunSync(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const unsub = useAppStore.subscribe((s) => {
    if (s.run.status === 'idle' || s.dragging) return;
    const key = paramsKey(paramsOf(s));
    if (key === s.run.paramsKey) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      const now = useAppStore.getState();
      if (!now.dragging && paramsKey(paramsOf(now)) !== now.run.paramsKey) now.startRun();
    }, SETTLE_MS);
  });
  return () => {
    clearTimeout(timer);
    unsub();
  };
}
