// View state: the plot on screen, the message about a permalink that did not fully load, and
// the outcome of "Copy link".
import type { StateCreator } from 'zustand';
import type { PlotTab } from '../links/linkFields';
import type { AppState } from './store';

export interface ViewSlice {
  plot: PlotTab;
  /** fields of a loaded link that were dropped, one line each (null: nothing to say) */
  linkProblems: string[] | null;
  copyStatus: 'idle' | 'copied' | 'failed';
  setPlot: (p: PlotTab) => void;
  setLinkProblems: (p: string[] | null) => void;
  setCopyStatus: (s: ViewSlice['copyStatus']) => void;
}

export const createViewSlice: StateCreator<AppState, [], [], ViewSlice> = (set) => ({
  plot: 'trajectory',
  linkProblems: null,
  copyStatus: 'idle',
  setPlot: (plot) => set({ plot }),
  setLinkProblems: (linkProblems) => set({ linkProblems }),
  setCopyStatus: (copyStatus) => set({ copyStatus }),
});
