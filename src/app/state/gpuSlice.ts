// The WebGPU capability report, probed once per page.
import type { StateCreator } from 'zustand';
import type { AppState } from './store';
import { type GpuReport, probeGpu } from '../browser/gpuProbe';
import { CPU_DEFAULT_TRAJECTORIES, GPU_DEFAULT_TRAJECTORIES } from '../scenario/params';

export interface GpuSlice {
  gpu: { state: 'idle' | 'probing' } | { state: 'done'; report: GpuReport };
  probeGpu: () => Promise<void>;
}

export const createGpuSlice: StateCreator<AppState, [], [], GpuSlice> = (set, get) => ({
  gpu: { state: 'idle' },
  probeGpu: async () => {
    // React's development double-effects must not start a second probe.
    if (get().gpu.state !== 'idle') return;
    set({ gpu: { state: 'probing' } });
    const report = await probeGpu();
    set({ gpu: { state: 'done', report } });
    // Without WebGPU the CPU twin runs: the default count becomes one it finishes in seconds.
    if (!report.available && get().trajectories === GPU_DEFAULT_TRAJECTORIES)
      set({ trajectories: CPU_DEFAULT_TRAJECTORIES });
  },
});
