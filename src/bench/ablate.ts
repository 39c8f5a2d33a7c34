// Where the GPU engine's time goes on a software adapter: the ARCHIMEDES SGD kernel as the engine
// builds it, then with parts replaced by trivial stand-ins (results are meaningless; only the
// speed is of interest). One dispatch of 2^16 trajectories × 1000 steps each, timed by the wall
// clock and by the CPU time of SwiftShader's worker threads (Linux /proc; null elsewhere).
// Usage: npx tsx src/bench/ablate.ts [log2 K] [steps]; prints JSON. docs/benchmarks.md has a run.
import { readdirSync, readFileSync } from 'node:fs';
import { acquireDevice, type GpuContext } from '../sim/gpu/device';
import { bindAll, computePipeline } from '../sim/gpu/compute';
import { awaitWithoutSpinning } from '../sim/gpu/quietwait';
import { lawBuffer, stepKernel, tableBuffer, WG } from '../sim/kernel';
import { makePlan } from '../sim/plan';
import { archimedes } from '../sim/testing/scenarios';
import { STEP_BINDINGS, stepParamsBuffer } from '../sim/gpu/engine';

const K = 2 ** Number(process.argv[2] ?? 16);
const T = Number(process.argv[3] ?? 1000);

/** Textual replacements on the generated kernel; each must match, or the variant is void. */
type Patch = [from: string, to: string];
const NO_PHILOX: Patch = [
  'fn philox4x32_10(counter: vec4<u32>, key: vec2<u32>) -> vec4<u32> {',
  'fn philox4x32_10(counter: vec4<u32>, key: vec2<u32>) -> vec4<u32> {\n  if (true) { let h = counter * 747796405u + vec4<u32>(key, key); return h ^ (h * 2891336453u); }',
];
const NO_BOX_MULLER: Patch = [
  'fn box_muller(w0: u32, w1: u32) -> vec2<f32> {',
  'fn box_muller(w0: u32, w1: u32) -> vec2<f32> {\n  if (true) { return vec2<f32>(philox_u01(w0) - 0.5, philox_u01(w1) - 0.5); }',
];
const NO_SINCOS: Patch = ['let sc_0 = mathf_sincos(w[2]);', 'let sc_0 = vec2<f32>(w[2], 1.0 - 0.5 * w[2] * w[2]);'];

const VARIANTS: Record<string, Patch[]> = {
  'engine kernel': [],
  'Philox -> a two-multiply hash': [NO_PHILOX],
  '... and Box-Muller -> uniforms': [NO_PHILOX, NO_BOX_MULLER],
  '... and sin/cos z -> polynomial (loop, gradient, update only)': [NO_PHILOX, NO_BOX_MULLER, NO_SINCOS],
  'Philox kept; Box-Muller and sin/cos z replaced': [NO_BOX_MULLER, NO_SINCOS],
};

/** CPU seconds used so far by SwiftShader's worker threads (named Thread<NN>), or null. */
function workerCpuSeconds(): number | null {
  try {
    let ticks = 0;
    for (const t of readdirSync('/proc/self/task')) {
      if (!readFileSync(`/proc/self/task/${t}/comm`, 'utf8').startsWith('Thread<')) continue;
      const f = readFileSync(`/proc/self/task/${t}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(f[11]) + Number(f[12]);
    }
    return ticks / 100;
  } catch {
    return null;
  }
}

async function measure(ctx: GpuContext, code: string) {
  const d = ctx.device;
  const p = makePlan({ scenario: archimedes(T, 0.1), trajectories: K, seed: 0, record: 2 });
  const pipe = await computePipeline(ctx, 'ablation', code, 'main', STEP_BINDINGS);
  const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC;
  const buf = (bytes: number, u = usage) =>
    d.createBuffer({ size: Math.max(16, Math.ceil(bytes / 16) * 16), usage: u });
  const params = buf(48, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
  const theta = buf(K * p.S * 4),
    status = buf(K * 4),
    obs = buf(2 * K * 4),
    perm = buf(4);
  const law = lawBuffer(p).data,
    tab = tableBuffer(p).data;
  const lawf = buf(law.byteLength),
    tables = buf(tab.byteLength),
    cum = buf(4);
  d.queue.writeBuffer(lawf, 0, law);
  d.queue.writeBuffer(tables, 0, tab);
  const groups = Math.ceil(K / WG);
  const pw = stepParamsBuffer({
    key: p.key,
    K,
    t0: 0,
    t1: T,
    recNext: 0,
    R: 0,
    gx: groups,
    groups,
    eta: p.eta,
    beta: 0,
    k0: 0,
  });
  d.queue.writeBuffer(params, 0, pw);
  const bind = bindAll(ctx, pipe, [params, theta, status, obs, perm, lawf, tables, cum]);
  const staging = d.createBuffer({ size: 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  const run = async (n: number) => {
    const enc = d.createCommandEncoder();
    const pass = enc.beginComputePass();
    pass.setPipeline(pipe);
    pass.setBindGroup(0, bind);
    pass.dispatchWorkgroups(n);
    pass.end();
    enc.copyBufferToBuffer(theta, 0, staging, 0, 16);
    d.queue.submit([enc.finish()]);
    await awaitWithoutSpinning(staging.mapAsync(GPUMapMode.READ));
    staging.unmap();
  };
  await run(1); // SwiftShader finishes compiling at the first dispatch
  const cpu0 = workerCpuSeconds();
  const t0 = performance.now();
  await run(groups);
  const wall = (performance.now() - t0) / 1000;
  const cpu1 = workerCpuSeconds();
  for (const b of [params, theta, status, obs, perm, lawf, tables, cum, staging]) b.destroy();
  const cpu = cpu0 === null || cpu1 === null ? null : cpu1 - cpu0;
  return { wallSeconds: wall, workerCpuSeconds: cpu, trajectoryStepsPerSecond: (K * T) / wall };
}

async function main(): Promise<void> {
  const ctx = await acquireDevice();
  if ('error' in ctx) throw new Error(ctx.error);
  const base = stepKernel(makePlan({ scenario: archimedes(T, 0.1), trajectories: K, seed: 0, record: 2 }));
  const out: Record<string, unknown> = {};
  for (const [name, patches] of Object.entries(VARIANTS)) {
    let code = base;
    for (const [from, to] of patches) {
      if (!code.includes(from))
        throw new Error(`ablation "${name}": the kernel no longer contains ${JSON.stringify(from)}`);
      code = code.split(from).join(to); // every occurrence (loss_val and loss_grad alike)
    }
    out[name] = await measure(ctx, code);
  }
  ctx.device.destroy();
  process.stdout.write(
    JSON.stringify({ adapter: ctx.description, trajectories: K, steps: T, variants: out }, null, 2) + '\n',
  );
  process.exit(0);
}

void main();
