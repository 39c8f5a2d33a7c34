// The WebGPU capability line: which adapter a simulation would get, or why there is none.
import { describeGpu, gpuDetails } from '../app/browser/gpuProbe';
import { useAppStore } from '../app/state/store';

export function GpuStatus() {
  const gpu = useAppStore((s) => s.gpu);
  const done = gpu.state === 'done';
  const ok = done && gpu.report.available;
  return (
    <p
      role="status"
      aria-label="GPU"
      className={`gpu-status ${done ? (ok ? 'ok' : 'off') : 'pending'}`}
      title={done ? gpuDetails(gpu.report) : undefined}
    >
      <span className="dot" aria-hidden="true" />
      {done ? describeGpu(gpu.report) : 'WebGPU: probing…'}
    </p>
  );
}
