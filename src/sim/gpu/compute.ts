// Small helpers to build and dispatch compute pipelines (all under error scopes).
import { type GpuContext, GpuError, guarded } from './device';

export type BindingKind = 'uniform' | 'storage' | 'read-only-storage';

/**
 * Compile a WGSL module into a compute pipeline; shader compile errors become GpuErrors.
 * With `bindings` the layout is explicit (group 0, binding i of kind bindings[i]), so bindings
 * the shader happens not to use still accept their buffer; otherwise 'auto'.
 */
export function computePipeline(
  ctx: GpuContext,
  label: string,
  code: string,
  entry = 'main',
  bindings?: readonly BindingKind[],
): Promise<GPUComputePipeline> {
  // Runs that reuse a device (a list of jobs) compile each module once.
  const key = `${label}\n${entry}\n${bindings?.join(',')}\n${code}`;
  const cache = (ctx.pipelines ??= new Map());
  let p = cache.get(key);
  if (!p) {
    p = compile(ctx, label, code, entry, bindings);
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return p;
}

function compile(
  ctx: GpuContext,
  label: string,
  code: string,
  entry: string,
  bindings?: readonly BindingKind[],
): Promise<GPUComputePipeline> {
  return guarded(ctx, `compiling ${label}`, async () => {
    const module = ctx.device.createShaderModule({ label, code });
    const info = await module.getCompilationInfo();
    const errs = info.messages.filter((m) => m.type === 'error');
    if (errs.length) {
      throw new GpuError(
        `WGSL compile error in ${label}: ${errs.map((m) => `line ${m.lineNum}:${m.linePos} ${m.message}`).join('; ')}`,
        'validation',
      );
    }
    const layout: GPUPipelineLayout | 'auto' = bindings
      ? ctx.device.createPipelineLayout({
          bindGroupLayouts: [
            ctx.device.createBindGroupLayout({
              entries: bindings.map((type, binding) => ({
                binding,
                visibility: GPUShaderStage.COMPUTE,
                buffer: { type },
              })),
            }),
          ],
        })
      : 'auto';
    return ctx.device.createComputePipelineAsync({ label, layout, compute: { module, entryPoint: entry } });
  });
}

/** Bind group 0 with `buffers[i]` at binding i. */
export function bindAll(ctx: GpuContext, pipeline: GPUComputePipeline, buffers: GPUBuffer[]): GPUBindGroup {
  return ctx.device.createBindGroup({
    layout: pipeline.getBindGroupLayout(0),
    entries: buffers.map((buffer, binding) => ({ binding, resource: { buffer } })),
  });
}

/** Workgroup grid for `groups` workgroups within maxComputeWorkgroupsPerDimension (2-D if needed). */
export function grid(ctx: GpuContext, groups: number): [number, number] {
  const max = ctx.device.limits.maxComputeWorkgroupsPerDimension;
  if (groups <= max) return [groups, 1];
  const y = Math.ceil(groups / max);
  if (y > max) throw new GpuError(`${groups} workgroups exceed this adapter's dispatch limit`, 'limits');
  return [Math.ceil(groups / y), y];
}

/** Encode one dispatch and submit it. */
export function dispatch(
  ctx: GpuContext,
  pipeline: GPUComputePipeline,
  bind: GPUBindGroup,
  groups: [number, number],
): void {
  const enc = ctx.device.createCommandEncoder();
  const pass = enc.beginComputePass();
  pass.setPipeline(pipeline);
  pass.setBindGroup(0, bind);
  pass.dispatchWorkgroups(groups[0], groups[1]);
  pass.end();
  ctx.device.queue.submit([enc.finish()]);
}

/** A buffer initialised from typed-array data (storage or uniform usage). */
export function dataBuffer(
  ctx: GpuContext,
  label: string,
  data: ArrayBufferView,
  usage: 'storage' | 'uniform' = 'storage',
): GPUBuffer {
  // Storage buffers keep their exact size so that arrayLength() in WGSL sees the data length.
  const align = usage === 'uniform' ? 16 : 4;
  const size = Math.max(align, Math.ceil(data.byteLength / align) * align);
  const buf = ctx.device.createBuffer({
    label,
    size,
    usage:
      (usage === 'storage' ? GPUBufferUsage.STORAGE : GPUBufferUsage.UNIFORM) |
      GPUBufferUsage.COPY_DST |
      GPUBufferUsage.COPY_SRC,
  });
  ctx.device.queue.writeBuffer(buf, 0, data.buffer, data.byteOffset, data.byteLength);
  return buf;
}
