// The `simulate` command module (src/cli/simulate.ts) against scenario.md's contract.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulateCommand } from './simulate';
import { archimedes } from '../sim/testing/scenarios';
import { requireGpu } from '../sim/testing/gpuFixture';

const dir = mkdtempSync(join(tmpdir(), 'sim-cli-'));
const file = join(dir, 'archimedes.json');
writeFileSync(file, JSON.stringify(archimedes(40, 0.1)));

describe('simulate command', () => {
  requireGpu();
  it('returns the contract fields, engine and adapter named, 0 and T recorded', async () => {
    for (const engine of ['cpu', 'gpu']) {
      const out = (await simulateCommand([
        file,
        '--trajectories',
        '256',
        '--seed',
        '3',
        '--engine',
        engine,
        '--record',
        '5',
      ])) as Record<string, unknown>;
      expect(Object.keys(out).slice(0, 7)).toEqual(['engine', 'adapter', 'T', 'steps', 'mean', 'stderr', 'diverged']);
      expect(out.engine).toBe(engine);
      expect(out.adapter).toBe(engine === 'gpu' ? 'SwiftShader (software)' : 'CPU twin (JavaScript)');
      expect(out.T).toBe(40);
      expect(out.steps).toEqual([0, 10, 20, 30, 40]);
      expect((out.mean as number[]).length).toBe(5);
      expect(out.diverged).toBe(0);
      expect(JSON.parse(JSON.stringify(out))).toEqual(out);
    }
  });

  it('defaults: the GPU where an adapter exists, sgd, seed 0, 100 records', async () => {
    const out = (await simulateCommand([file, '--trajectories', '64'])) as Record<string, unknown>;
    expect(out.engine).toBe('gpu');
    expect(out.optimizer).toBe('sgd');
    expect(out.seed).toBe(0);
    expect((out.steps as number[]).length).toBe(41); // T = 40 < 99: every step
  });

  it.each([
    [['--trajectories', '64'], /missing the scenario file/],
    [[file], /missing --trajectories/],
    [[file, '--trajectories', 'many'], /--trajectories expects an integer ≥ 1, got "many"/],
    [[file, '--trajectories', '64', '--engine', 'tpu'], /--engine expects gpu or cpu/],
    [[file, '--trajectories', '64', '--optimizer', 'adam'], /--optimizer expects one of sgd, gd, gdc, sde, ode/],
    [[file, '--trajectories', '64', '--record', '1'], /--record expects an integer ≥ 2/],
    [[file, '--trajectories', '64', '--speed', '3'], /unknown option --speed/],
    [[file, '--trajectories'], /--trajectories needs a value/],
    [[join(dir, 'missing.json'), '--trajectories', '64'], /cannot read scenario file .*ENOENT/],
  ])('rejects %j', async (args, msg) => {
    await expect(simulateCommand(args as string[])).rejects.toThrow(msg);
  });

  it('names the bad scenario field', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...archimedes(40, 0.1), eta: -1 }));
    await expect(simulateCommand([bad, '--trajectories', '64'])).rejects.toThrow(/eta/);
    writeFileSync(bad, JSON.stringify({ ...archimedes(40, 0.1), extra: 1 }));
    await expect(simulateCommand([bad, '--trajectories', '64'])).rejects.toThrow(/unknown field "extra"/);
  });
});
