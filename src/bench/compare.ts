// `npm run bench:compare -- <base> [--rounds=N] [bench flags]`: the bench of a base commit and of
// this working tree in one run, alternating (base, here, base, here, …) so that a change of load
// on the machine falls on both, and every number side by side with its ratio. The base is checked
// out in a temporary worktree that shares this tree's node_modules and is removed at the end.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareRuns, type BenchJson } from './compareRows';

const root = fileURLToPath(new URL('../..', import.meta.url));

function git(args: string[], cwd = root): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${(r.stderr || '').trim()}`);
  return r.stdout.trim();
}

function benchIn(dir: string, flags: string[]): BenchJson {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/bench/run.ts', ...flags], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (r.status !== 0) throw new Error(`the bench in ${dir} failed (exit ${r.status}): ${r.stderr.trim().slice(-2000)}`);
  return JSON.parse(r.stdout) as BenchJson;
}

function main(): void {
  const args = process.argv.slice(2);
  const base = args.find((a) => !a.startsWith('--'));
  if (!base) {
    process.stderr.write('usage: npm run bench:compare -- <base commit> [--rounds=N] [--scale=S] [--theory-only]\n');
    process.exit(2);
  }
  const roundsArg = args.find((a) => a.startsWith('--rounds='));
  const rounds = roundsArg ? Number(roundsArg.slice(9)) : 2;
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 10) {
    process.stderr.write(`--rounds: expected an integer 1..10, got ${roundsArg?.slice(9)}\n`);
    process.exit(2);
  }
  const flags = args.filter((a) => a !== base && !a.startsWith('--rounds='));
  const baseCommit = git(['rev-parse', '--verify', `${base}^{commit}`]);
  const headCommit = git(['rev-parse', 'HEAD']);
  const dirty = git(['status', '--porcelain']).length > 0;
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'bench-base-')), 'tree');
  git(['worktree', 'add', '--detach', '--quiet', dir, baseCommit]);
  try {
    symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
    const baseRuns: BenchJson[] = [];
    const headRuns: BenchJson[] = [];
    for (let i = 0; i < rounds; i++) {
      process.stderr.write(`round ${i + 1}/${rounds}: base ${baseCommit.slice(0, 7)}…\n`);
      baseRuns.push(benchIn(dir, flags));
      process.stderr.write(`round ${i + 1}/${rounds}: this tree…\n`);
      headRuns.push(benchIn(root, flags));
    }
    const out = {
      machine: headRuns[0].machine,
      date: new Date().toISOString(),
      base: { ref: base, commit: baseCommit },
      head: { commit: headCommit, uncommittedChanges: dirty },
      rounds,
      flags,
      rows: compareRuns(baseRuns, headRuns),
    };
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  } finally {
    git(['worktree', 'remove', '--force', dir]);
    rmSync(path.dirname(dir), { recursive: true, force: true });
  }
}

main();
