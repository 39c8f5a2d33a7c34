// Keeps the URL hash and the store in step: the hash is read on load and on hashchange, and
// rewritten (replaceState, no history spam) whenever the linked state changes.
import { printDiagram } from '../../theory/diagram';
import type { LinkState } from '../links/linkFields';
import { decodeLink, encodeLink } from '../links/permalink';
import { paramsOf } from '../state/scenarioSlice';
import { useAppStore, type AppState } from '../state/store';

export function linkStateOf(s: AppState): LinkState {
  return {
    ...paramsOf(s),
    irreducibleOnly: s.irreducibleOnly,
    ties: s.ties,
    edges: s.edges,
    diagram: printDiagram(s.editor.diagram),
    plot: s.plot,
    // with a preset open, "run" reruns the preset rather than the explorer's simulation
    run: s.preset !== null ? (s.presetRuns[s.preset]?.status ?? 'idle') !== 'idle' : s.run.status !== 'idle',
    preset: s.preset,
    quick: s.quick,
  };
}

export const currentHash = (): string => encodeLink(linkStateOf(useAppStore.getState()));

/** Apply a hash to the store; returns the dropped fields. */
export function applyHash(hash: string): string[] {
  const { state, dropped, present } = decodeLink(hash);
  const st = useAppStore.getState();
  const { irreducibleOnly, ties, edges, diagram, plot, run, preset, quick, ...params } = state;
  st.applyParams(params);
  useAppStore.setState({ irreducibleOnly, ties, edges, plot, quick });
  st.openPreset(preset);
  st.loadDiagram(diagram);
  st.clearPlacement();
  st.setLinkProblems(present && dropped.length ? dropped : null);
  if (run && preset !== null) st.runPreset();
  else if (run) st.startRun();
  return dropped;
}

let lastWritten = '';

export function startLinkSync(): () => void {
  if (location.hash) applyHash(location.hash);
  lastWritten = currentHash();
  const onHash = () => {
    if (location.hash !== lastWritten) applyHash(location.hash);
  };
  window.addEventListener('hashchange', onHash);
  const unsub = useAppStore.subscribe((s) => {
    const h = encodeLink(linkStateOf(s));
    if (h !== lastWritten) {
      lastWritten = h;
      history.replaceState(null, '', h);
    }
  });
  return () => {
    window.removeEventListener('hashchange', onHash);
    unsub();
  };
}

/** The full permalink of the current state. */
export const permalink = (): string => `${location.origin}${location.pathname}${currentHash()}`;

export async function copyLink(): Promise<void> {
  const st = useAppStore.getState();
  try {
    await navigator.clipboard.writeText(permalink());
    st.setCopyStatus('copied');
  } catch {
    // the link is shown beside the button either way, ready to select
    st.setCopyStatus('failed');
  }
}
