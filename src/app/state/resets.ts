// The parts of the state a failed panel offers to reset: each reset leaves the rest of the state
// (and so of the link, which follows the store) as it was.
import { initialFilters } from '../derived/catalogue';
import { INITIAL_DIAGRAM } from './editorSlice';
import { DEFAULT_PARAMS } from '../scenario/params';
import { useAppStore } from './store';

export interface StateReset {
  /** what is reset, for the button: "Reset the scenario" */
  label: string;
  run: () => void;
}

const store = () => useAppStore.getState();

export const RESETS = {
  scenario: { label: 'Reset the scenario', run: () => store().applyParams({ ...DEFAULT_PARAMS }) },
  filters: { label: 'Reset the filters', run: () => useAppStore.setState({ ...initialFilters }) },
  editor: { label: 'Reset the diagram', run: () => void store().loadDiagram(INITIAL_DIAGRAM) },
  grid: {
    label: 'Reset the grid',
    run: () => {
      store().clearPlacement();
      store().resetSchedule();
    },
  },
  plot: { label: 'Show the first plot', run: () => store().setPlot('trajectory') },
  preset: { label: 'Close the preset', run: () => store().openPreset(null) },
} as const satisfies Record<string, StateReset>;
