// The WebGPU capability report, probed once per page.
import type { StateCreator } from 'zustand';
import type { AppState } from './store';
import { type GpuReport, probeGpu } from './gpuProbe';

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
  },
});
