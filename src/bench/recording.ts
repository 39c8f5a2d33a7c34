// Where recording a curve costs on this machine: `npx tsx src/bench/recording.ts`. One dispatch
// of the step kernel over ARCHIMEDES 2^16 × 1000 with 2 or 101 recorded steps (and variants with
// parts of the recording patched out), then the block reduction of those records; wall seconds
// and the CPU seconds of SwiftShader's worker threads (as in ablate.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { acquireDevice } from '../sim/gpu/device';
import { bindAll, computePipeline } from '../sim/gpu/compute';
import { awaitWithoutSpinning } from '../sim/gpu/quietwait';
import { lawBuffer, stepKernel, tableBuffer, WG } from '../sim/kernel';
import { makePlan } from '../sim/plan';
import { shader } from '../sim/shaders';
import { archimedes } from '../sim/testing/scenarios';
import { STEP_BINDINGS, stepParamsBuffer } from '../sim/gpu/engine';
const K = 2 ** 16;
const T = 1000;
function cpuS(): number {
  let ticks = 0;
  for (const t of readdirSync('/proc/self/task')) {
    if (!readFileSync(`/proc/self/task/${t}/comm`, 'utf8').startsWith('Thread<')) continue;
    const f = readFileSync(`/proc/self/task/${t}/stat`, 'utf8').split(') ')[1].split(' ');
    ticks += Number(f[11]) + Number(f[12]);
  }
  return ticks / 100;
}
const ctx = await acquireDevice();
if ('error' in ctx) throw new Error(ctx.error);
const d = ctx.device;
/** Variants: recorded steps, and textual patches of the generated kernel (each must match). */
const VARIANTS: [string, number, [string, string][]][] = [
  ['2 records', 2, []],
  ['101 records', 101, []],
  [
    '101 records, no write of the observable',
    101,
    [['obs[ri * P.K + kl] = bits;', 'if (bits == 12345u) { obs[ri * P.K + kl] = bits; }']],
  ],
  [
    '101 records, all steps before the first (the step loop not split)',
    101,
    [['min(ri, P.rec_count - 1u)], ri < P.rec_count);', 'min(ri, P.rec_count - 1u)], ri < P.rec_count && P.K == 7u);']],
  ],
];
const out: unknown[] = [];
for (const [name, record, patches] of VARIANTS) {
  const p = makePlan({ scenario: archimedes(T, 0.1), trajectories: K, seed: 0, record });
  let code = stepKernel(p);
  for (const [a, b] of patches) {
    if (!code.includes(a)) throw new Error(`variant "${name}": the kernel no longer contains ${JSON.stringify(a)}`);
    code = code.replace(a, b);
  }
  const R = p.recSteps.length;
  const pipe = await computePipeline(ctx, 'k', code, 'main', STEP_BINDINGS);
  const red = await computePipeline(ctx, 'r', shader('reduce'), 'reduce_main', [
    'uniform',
    'read-only-storage',
    'storage',
  ]);
  const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC;
  const buf = (bytes: number, u = usage) =>
    d.createBuffer({ size: Math.max(16, Math.ceil(bytes / 16) * 16), usage: u });
  const params = buf(48, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST),
    rp = buf(16, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
  const theta = buf(K * p.S * 4),
    status = buf(K * 4),
    obs = buf(R * K * 4),
    perm = buf(4),
    parts = buf(R * 1024 * 12);
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
    R: R,
    gx: groups,
    groups,
    eta: p.eta,
    beta: 0,
    k0: 0,
  });
  d.queue.writeBuffer(params, 0, pw);
  d.queue.writeBuffer(rp, 0, new Uint32Array([K, R, groups, Math.ceil((R * groups) / 64)]));
  const bind = bindAll(ctx, pipe, [params, theta, status, obs, perm, lawf, tables, cum]);
  const rbind = bindAll(ctx, red, [rp, obs, parts]);
  const staging = d.createBuffer({ size: 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  const run = async (n: number, which: 'k' | 'r') => {
    const enc = d.createCommandEncoder();
    const pass = enc.beginComputePass();
    if (which === 'k') {
      pass.setPipeline(pipe);
      pass.setBindGroup(0, bind);
      pass.dispatchWorkgroups(n);
    } else {
      pass.setPipeline(red);
      pass.setBindGroup(0, rbind);
      pass.dispatchWorkgroups(Math.ceil((R * groups) / 64));
    }
    pass.end();
    enc.copyBufferToBuffer(theta, 0, staging, 0, 16);
    d.queue.submit([enc.finish()]);
    await awaitWithoutSpinning(staging.mapAsync(GPUMapMode.READ));
    staging.unmap();
  };
  await run(1, 'k');
  await run(1, 'r');
  let c0 = cpuS(),
    t0 = performance.now();
  await run(groups, 'k');
  const k = { wall: (performance.now() - t0) / 1000, cpu: cpuS() - c0 };
  c0 = cpuS();
  t0 = performance.now();
  await run(groups, 'r');
  const r = { wall: (performance.now() - t0) / 1000, cpu: cpuS() - c0 };
  out.push({ variant: name, records: R, stepKernel: k, reduction: r });
  for (const b of [params, rp, theta, status, obs, perm, parts, lawf, tables, cum, staging]) b.destroy();
}
process.stdout.write(
  JSON.stringify({ adapter: ctx.description, trajectories: K, steps: T, runs: out }, null, 2) + '\n',
);
process.exit(0);
