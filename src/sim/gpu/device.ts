// The one module that owns WebGPU adapter/device life: finding a GPU (the browser's
// navigator.gpu, or Dawn through the npm `webgpu` package in Node), requesting a device with the
// adapter's real limits, naming the adapter, and the guards every GPU call goes through
// (error scopes, uncaptured errors, device loss).

export interface GpuContext {
  adapter: GPUAdapter;
  device: GPUDevice;
  /** Human-readable adapter name, e.g. "SwiftShader (software)". */
  description: string;
  /** Set once the device is lost (reason and message). */
  lost: { reason: string; message: string } | null;
  /** Uncaptured errors seen since the last `takeErrors()`. */
  uncaptured: string[];
  /**
   * True when waiting on the GPU costs a CPU core that the GPU itself needs: Dawn's Node binding
   * polls in a busy loop while any GPU promise is pending, and a software adapter runs the
   * shaders on those same cores (on two cores the loop took a third of SwiftShader's time).
   * Long waits then go through awaitWithoutSpinning (quietwait.ts).
   */
  busyWaitCostsGpu: boolean;
  /** Compiled pipelines by label and WGSL text (gpu/compute.ts): runs on one device share them. */
  pipelines?: Map<string, Promise<GPUComputePipeline>>;
}

export class GpuError extends Error {
  constructor(
    message: string,
    readonly kind: 'validation' | 'out-of-memory' | 'internal' | 'lost' | 'limits',
  ) {
    super(message);
    this.name = 'GpuError';
  }
}

let gpuPromise: Promise<GPU | null> | null = null;
/** Set when the GPU entry point is Dawn's Node binding (whose waits poll; see busyWaitCostsGpu). */
let fromNodeBinding = false;

interface NodeProcessLike {
  versions?: { node?: string };
  env: Record<string, string | undefined>;
  getBuiltinModule?: (m: string) => unknown;
}

/** Where Debian's Chromium package puts SwiftShader's Vulkan driver manifest. */
const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

let verboseStartup = false;
/** Let the Vulkan loader and Dawn print their start-up messages (the CLI's --verbose). */
export function setGpuVerbose(on: boolean): void {
  verboseStartup = on;
}

interface NodeFs {
  existsSync(p: string): boolean;
  statSync(p: string): { isDirectory(): boolean };
}

/**
 * Prepare the Vulkan loader's environment for Dawn in Node, before Dawn loads. Unless the user
 * chose drivers already, *add* SwiftShader to the system's drivers (VK_ADD_DRIVER_FILES keeps
 * real GPUs visible; Dawn still prefers them), so the CLI works on GPU-less machines. Unless
 * verbose, quiet what would reach a CLI user's stderr at every start without being an error:
 * Mesa's drivers complain of a missing XDG_RUNTIME_DIR, and Dawn warns about every adapter it
 * cannot use (Mesa's lavapipe lacks shaderUniform*ArrayDynamicIndexing, so it is left out).
 */
function prepareVulkanEnv(proc: NodeProcessLike): void {
  const env = proc.env;
  const fs = proc.getBuiltinModule?.('node:fs') as NodeFs | undefined;
  const userChoseDrivers = !!(env.VK_ICD_FILENAMES || env.VK_DRIVER_FILES || env.VK_ADD_DRIVER_FILES);
  if (!userChoseDrivers && fs?.existsSync(SWIFTSHADER_ICD)) env.VK_ADD_DRIVER_FILES = SWIFTSHADER_ICD;
  if (verboseStartup || !fs) return;
  if (!userChoseDrivers && !env.VK_LOADER_DRIVERS_DISABLE) env.VK_LOADER_DRIVERS_DISABLE = '*lvp_icd*';
  const xdg = env.XDG_RUNTIME_DIR;
  let valid = false;
  try {
    valid = !!xdg && fs.statSync(xdg).isDirectory();
  } catch {
    valid = false;
  }
  if (!valid) {
    const os = proc.getBuiltinModule?.('node:os') as { tmpdir(): string } | undefined;
    env.XDG_RUNTIME_DIR = os?.tmpdir() ?? '/tmp';
  }
}

/** The GPU entry point of this runtime, or null (no WebGPU, or Dawn unavailable). */
export function getGPU(): Promise<GPU | null> {
  gpuPromise ??= (async () => {
    const nav = (globalThis as { navigator?: { gpu?: GPU } }).navigator;
    if (nav?.gpu) return nav.gpu;
    const proc = (globalThis as { process?: NodeProcessLike }).process;
    if (!proc?.versions?.node) return null;
    prepareVulkanEnv(proc);
    try {
      // Computed specifier: keeps bundlers from pulling Dawn into the browser build.
      const name = 'webgpu';
      const mod = (await import(/* @vite-ignore */ name)) as {
        create(opts: string[]): GPU;
        globals: Record<string, unknown>;
      };
      for (const [k, v] of Object.entries(mod.globals)) {
        if (!(k in globalThis)) (globalThis as Record<string, unknown>)[k] = v;
      }
      fromNodeBinding = true;
      return mod.create([]);
    } catch {
      return null;
    }
  })();
  return gpuPromise;
}

export interface AdapterInfoLike {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}

/**
 * The one display name of an adapter, wherever it is shown (page header, run status, CLI):
 * "SwiftShader (software)", or its own description with "(software)" when it is a fallback.
 */
export function adapterName(info: AdapterInfoLike, fallback = info.isFallbackAdapter ?? false): string {
  if (info.architecture === 'swiftshader') return 'SwiftShader (software)';
  const name =
    info.description || [info.vendor, info.architecture, info.device].filter(Boolean).join(' ') || 'unknown adapter';
  return fallback ? `${name} (software)` : name;
}

export function describeAdapter(adapter: GPUAdapter): string {
  const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
  // Older implementations reported fallback on the adapter itself, newer on adapter.info.
  return adapterName(
    info,
    info.isFallbackAdapter ?? (adapter as { isFallbackAdapter?: boolean }).isFallbackAdapter ?? false,
  );
}

/** Limits we raise to the adapter's maxima (defaults are far below what large K needs). */
const RAISED_LIMITS = [
  'maxStorageBufferBindingSize',
  'maxBufferSize',
  'maxComputeWorkgroupsPerDimension',
  'maxStorageBuffersPerShaderStage',
] as const;

/**
 * A fresh device on the best adapter, or null with the reason when there is no adapter.
 * Uncaptured errors and loss are recorded on the returned context.
 */
export async function acquireDevice(): Promise<GpuContext | { error: string }> {
  const gpu = await getGPU();
  if (!gpu) return { error: 'WebGPU is not available in this runtime' };
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) return { error: 'no WebGPU adapter found' };
  const requiredLimits: Record<string, number> = {};
  for (const k of RAISED_LIMITS) requiredLimits[k] = adapter.limits[k];
  let device: GPUDevice;
  try {
    device = await adapter.requestDevice({ requiredLimits });
  } catch (e) {
    return { error: `requestDevice failed: ${(e as Error).message}` };
  }
  const description = describeAdapter(adapter);
  const ctx: GpuContext = {
    adapter,
    device,
    description,
    lost: null,
    uncaptured: [],
    busyWaitCostsGpu: fromNodeBinding && description.endsWith('(software)'),
  };
  device.lost.then((info) => {
    ctx.lost = { reason: String(info.reason), message: info.message };
  });
  device.addEventListener('uncapturederror', (ev) => {
    ctx.uncaptured.push((ev as GPUUncapturedErrorEvent).error.message);
  });
  return ctx;
}

/** Throws a GpuError if the device is lost or an uncaptured error has been seen. */
export function checkHealth(ctx: GpuContext): void {
  if (ctx.lost) throw new GpuError(`GPU device lost (${ctx.lost.reason}): ${ctx.lost.message}`, 'lost');
  if (ctx.uncaptured.length) {
    const msg = ctx.uncaptured.splice(0).join('; ');
    throw new GpuError(`uncaptured GPU error: ${msg}`, 'internal');
  }
}

/**
 * Run `fn` (which issues GPU calls, possibly awaiting) inside validation, out-of-memory and
 * internal error scopes; throw the first error any scope caught.
 */
export async function guarded<T>(ctx: GpuContext, what: string, fn: () => T | Promise<T>): Promise<T> {
  const d = ctx.device;
  d.pushErrorScope('internal');
  d.pushErrorScope('out-of-memory');
  d.pushErrorScope('validation');
  let result: T;
  let thrown: unknown = null;
  try {
    result = await fn();
  } catch (e) {
    thrown = e;
  }
  const [val, oom, internal] = await Promise.all([d.popErrorScope(), d.popErrorScope(), d.popErrorScope()]);
  if (ctx.lost) throw new GpuError(`GPU device lost during ${what} (${ctx.lost.reason}): ${ctx.lost.message}`, 'lost');
  if (val) throw new GpuError(`GPU validation error during ${what}: ${val.message}`, 'validation');
  if (oom) throw new GpuError(`GPU out of memory during ${what}: ${oom.message}`, 'out-of-memory');
  if (internal) throw new GpuError(`GPU internal error during ${what}: ${internal.message}`, 'internal');
  if (thrown) throw thrown;
  checkHealth(ctx);
  return result!;
}

/** Create a storage buffer after checking its size against the device limits. */
export function storageBuffer(ctx: GpuContext, label: string, bytes: number, extraUsage = 0): GPUBuffer {
  const lim = ctx.device.limits;
  const size = Math.max(16, Math.ceil(bytes / 16) * 16);
  if (size > lim.maxStorageBufferBindingSize || size > lim.maxBufferSize) {
    throw new GpuError(
      `buffer "${label}" needs ${fmtBytes(size)} but this adapter allows ${fmtBytes(Math.min(lim.maxStorageBufferBindingSize, lim.maxBufferSize))} per buffer`,
      'limits',
    );
  }
  return ctx.device.createBuffer({
    label,
    size,
    usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC | extraUsage,
  });
}

export function fmtBytes(n: number): string {
  if (n >= 2 ** 30) return `${(n / 2 ** 30).toFixed(2)} GiB`;
  if (n >= 2 ** 20) return `${(n / 2 ** 20).toFixed(1)} MiB`;
  return `${n} bytes`;
}

/** Copy a buffer's first `bytes` back to the CPU (a staging buffer, mapped and destroyed). */
export async function readBack(ctx: GpuContext, src: GPUBuffer, bytes: number): Promise<ArrayBuffer> {
  const d = ctx.device;
  const size = Math.ceil(bytes / 4) * 4;
  const staging = d.createBuffer({ size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  try {
    const enc = d.createCommandEncoder();
    enc.copyBufferToBuffer(src, 0, staging, 0, size);
    d.queue.submit([enc.finish()]);
    await staging.mapAsync(GPUMapMode.READ);
    return staging.getMappedRange().slice(0, bytes);
  } finally {
    staging.destroy();
  }
}
