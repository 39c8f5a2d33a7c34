// `npm run experiments [-- --full] [--engine gpu|cpu]`: run every experiment and print a Markdown
// report (the numbers of docs/experiments.md) followed by the raw JSON, one line per experiment.
import os from 'node:os';
import { EXPERIMENTS, runErrata } from './registry';
import type { ExperimentResult } from './types';

const args = process.argv.slice(2);
const quick = !args.includes('--full');
const ei = args.indexOf('--engine');
const engine = (ei >= 0 ? args[ei + 1] : 'auto') as 'auto' | 'gpu' | 'cpu';
const only = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--engine');

const fmt = (x: number): string => (Math.abs(x) < 1e-3 || Math.abs(x) >= 1e4 ? x.toExponential(3) : x.toPrecision(4));

async function main(): Promise<void> {
  const results = new Map<string, ExperimentResult>();
  const lines: string[] = [];
  lines.push(
    `Run ${new Date().toISOString()} on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, ${quick ? 'quick' : 'full'} forms.`,
    '',
  );
  lines.push('| experiment | engine | verdict | z | seconds | detail |', '|---|---|---|---|---|---|');
  for (const e of EXPERIMENTS) {
    if (only.length && !only.includes(e.name)) continue;
    const r = await e.run({ quick, engine, seed: 0 });
    results.set(e.name, r);
    lines.push(
      `| ${e.name} | ${r.adapter} | ${r.verdict.pass ? 'pass' : 'FAIL'} | ${r.verdict.z.toFixed(2)} | ${r.seconds.toFixed(1)} | ${r.verdict.detail} |`,
    );
    process.stderr.write(`${e.name}: ${r.verdict.pass ? 'pass' : 'FAIL'} (${r.seconds.toFixed(1)} s)\n`);
  }
  if (!only.length) {
    const errata = await runErrata({ quick, engine, seed: 0 }, results);
    lines.push(
      '',
      '| corollary | quantity | printed | verified | measured | z printed | z verified | data support |',
      '|---|---|---|---|---|---|---|---|',
    );
    for (const x of errata.errata) {
      lines.push(
        `| ${x.corollary} | ${x.quantity} | ${fmt(x.printed.value)} | ${fmt(x.verified.value)} | ${fmt(x.measured.value)} ± ${fmt(x.measured.stderr)} | ${x.zPrinted.toFixed(1)} | ${x.zVerified.toFixed(1)} | ${x.supports} |`,
      );
    }
  }
  process.stdout.write(lines.join('\n') + '\n\n');
  for (const r of results.values()) process.stdout.write(JSON.stringify(r) + '\n');
}

void main();
