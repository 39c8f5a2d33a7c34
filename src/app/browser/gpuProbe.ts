// One question to the browser: which WebGPU adapter would a simulation get?
// The answer is a plain value so the UI can render it without touching navigator.gpu.
import { adapterName } from '../../sim/gpu/device';

export type GpuReport =
  | { available: true; name: string; vendor: string; architecture: string; description: string; fallback: boolean }
  | { available: false; reason: string };

export async function probeGpu(gpu: GPU | undefined = globalThis.navigator?.gpu): Promise<GpuReport> {
  if (!gpu) return { available: false, reason: 'this browser does not expose navigator.gpu' };
  try {
    const adapter = await gpu.requestAdapter();
    if (!adapter) return { available: false, reason: 'no adapter found' };
    const info = adapter.info;
    // Older Chromium reported fallback on the adapter itself, newer on adapter.info.
    const legacy = (adapter as unknown as { isFallbackAdapter?: boolean }).isFallbackAdapter;
    const fallback = Boolean(info?.isFallbackAdapter ?? legacy);
    return {
      available: true,
      name: adapterName(info ?? {}, fallback),
      vendor: info?.vendor ?? '',
      architecture: info?.architecture ?? '',
      description: info?.description ?? '',
      fallback,
    };
  } catch (err) {
    return { available: false, reason: err instanceof Error ? err.message : String(err) };
  }
}

/** The status line, e.g. "WebGPU: SwiftShader (software)" (the name simulations report too). */
export function describeGpu(r: GpuReport): string {
  return r.available ? `WebGPU: ${r.name}` : `WebGPU unavailable: ${r.reason}`;
}

/** Secondary details for the status line's tooltip. */
export function gpuDetails(r: GpuReport): string {
  if (!r.available) return 'Simulations will use the CPU engine.';
  return [r.vendor && `vendor ${r.vendor}`, r.description].filter(Boolean).join(' · ');
}
