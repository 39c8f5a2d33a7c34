// The explorer's single store, assembled from small slices (zustand slices pattern).
import { create } from 'zustand';
import { createEditorSlice, type EditorSlice } from './editorSlice';
import { createFiltersSlice, type FiltersSlice } from './filtersSlice';
import { createGpuSlice, type GpuSlice } from './gpuSlice';
import { createGridSlice, type GridSlice } from './gridSlice';
import { createPresetSlice, type PresetSlice } from './presetSlice';
import { createRunSlice, type RunSlice } from './runSlice';
import { createScenarioSlice, type ScenarioSlice } from './scenarioSlice';
import { createViewSlice, type ViewSlice } from './viewSlice';

export type AppState = FiltersSlice & GpuSlice & ScenarioSlice & RunSlice & EditorSlice & GridSlice & ViewSlice & PresetSlice;

export const useAppStore = create<AppState>()((...a) => ({
  ...createFiltersSlice(...(a as unknown as Parameters<typeof createFiltersSlice>)),
  ...createGpuSlice(...(a as unknown as Parameters<typeof createGpuSlice>)),
  ...createScenarioSlice(...(a as unknown as Parameters<typeof createScenarioSlice>)),
  ...createRunSlice(...(a as unknown as Parameters<typeof createRunSlice>)),
  ...createEditorSlice(...a),
  ...createGridSlice(...a),
  ...createViewSlice(...a),
  ...createPresetSlice(...(a as unknown as Parameters<typeof createPresetSlice>)),
}));
