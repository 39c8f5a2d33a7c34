import { describe, expect, it } from 'vitest';
import { describeGpu, probeGpu } from './gpuProbe';

const fakeGpu = (adapter: unknown) => ({ requestAdapter: async () => adapter }) as unknown as GPU;

describe('probeGpu', () => {
  it('reports a software fallback adapter by architecture', async () => {
    const r = await probeGpu(
      fakeGpu({ info: { vendor: 'google', architecture: 'swiftshader', description: '', isFallbackAdapter: true } }),
    );
    expect(describeGpu(r)).toBe('WebGPU: SwiftShader (software)');
  });

  it('names other adapters as the simulation engine does, fallbacks marked as software', async () => {
    const info = { vendor: 'nvidia', architecture: 'hopper', description: 'NVIDIA H200', isFallbackAdapter: false };
    expect(describeGpu(await probeGpu(fakeGpu({ info })))).toBe('WebGPU: NVIDIA H200');
    expect(describeGpu(await probeGpu(fakeGpu({ info: { ...info, isFallbackAdapter: true } })))).toBe(
      'WebGPU: NVIDIA H200 (software)',
    );
  });

  it('explains why WebGPU is unavailable', async () => {
    expect(describeGpu(await probeGpu(undefined))).toBe(
      'WebGPU unavailable: this browser does not expose navigator.gpu',
    );
    expect(describeGpu(await probeGpu(fakeGpu(null)))).toBe('WebGPU unavailable: no adapter found');
    const throwing = {
      requestAdapter: async () => {
        throw new Error('blocked');
      },
    } as unknown as GPU;
    expect(describeGpu(await probeGpu(throwing))).toBe('WebGPU unavailable: blocked');
  });
});
