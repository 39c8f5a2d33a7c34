// Imports flow downward: between the layers of src/ (ui → app → experiments → sim → landscape →
// theory, with the CLI beside the app and the tools on top), between the folders of src/app in
// their order, and with no cycle of modules. A change that points an import the wrong way fails
// here with the import named, before the layering decays by hand.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('..', import.meta.url));

/** What each folder of src/ may import (besides itself). */
const MAY_IMPORT: Record<string, readonly string[]> = {
  theory: ['fixtures'],
  landscape: ['theory', 'fixtures'],
  sim: ['theory', 'landscape', 'fixtures'],
  experiments: ['theory', 'landscape', 'sim', 'fixtures'],
  app: ['theory', 'landscape', 'sim', 'experiments', 'fixtures'],
  ui: ['theory', 'landscape', 'sim', 'experiments', 'app'],
  cli: ['theory', 'landscape', 'sim', 'experiments', 'fixtures'],
  // the tools stand on everything; nothing in the product imports them
  bench: ['theory', 'landscape', 'sim', 'experiments', 'app', 'cli', 'build'],
  build: ['theory', 'landscape', 'sim', 'experiments', 'cli'],
  kit: ['theory', 'landscape', 'sim', 'build'],
  tooling: ['theory', 'landscape', 'sim', 'experiments', 'app', 'cli'],
  fixtures: [],
};

/** src/app's folders, lowest first: a module imports (at run time) only from its own folder or lower ones. */
export const APP_FOLDERS = [
  'scenario',
  'derived',
  'diagrams',
  'plots',
  'presets',
  'links',
  'browser',
  'workers',
  'state',
  'hooks',
] as const;

interface Import {
  from: string;
  to: string;
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(p);
    return /\.(ts|tsx|mjs)$/.test(name) ? [p] : [];
  });
}

function resolve(from: string, spec: string): string | null {
  const base = path.resolve(path.dirname(from), spec);
  for (const ext of ['', '.ts', '.tsx', '.mjs', '/index.ts']) {
    try {
      if (statSync(base + ext).isFile()) return base + ext;
    } catch {
      // try the next form
    }
  }
  return null;
}

const IMPORT = /(?:^|\n)\s*(import|export)(\s+type)?\b[^'"`;]*?\bfrom\s+'(\.[^']+)'|import\(\s*'(\.[^']+)'\s*\)/g;

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const out: Import[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[3] ?? m[4];
    const to = resolve(file, spec);
    if (to) out.push({ from: file, to, typeOnly: m[2] !== undefined });
  }
  return out;
}

const rel = (p: string) => path.relative(src, p).split(path.sep).join('/');
const top = (p: string) => rel(p).split('/')[0];
const isTest = (p: string) => /\.test\.tsx?$/.test(p) || rel(p).includes('/testing/');

const files = sourceFiles(src);
const imports = files.flatMap(importsOf);

describe('imports flow downward', () => {
  it('finds the modules and their imports', () => {
    expect(files.length).toBeGreaterThan(200);
    expect(imports.length).toBeGreaterThan(500);
  });

  it('between the layers of src/', () => {
    const wrong = imports
      .filter((i) => top(i.from) in MAY_IMPORT && top(i.from) !== top(i.to))
      .filter((i) => !MAY_IMPORT[top(i.from)].includes(top(i.to)))
      .map((i) => `${rel(i.from)} imports ${rel(i.to)}`);
    expect(wrong).toEqual([]);
  });

  it('between the folders of src/app, at run time', () => {
    const rank = (p: string) => APP_FOLDERS.indexOf(rel(p).split('/')[1] as (typeof APP_FOLDERS)[number]);
    const app = imports.filter((i) => top(i.from) === 'app' && top(i.to) === 'app');
    const loose = files.filter((f) => top(f) === 'app' && rank(f) < 0).map(rel);
    expect(loose, 'every module of src/app sits in one of its folders').toEqual([]);
    const wrong = app
      .filter((i) => !i.typeOnly && !isTest(i.from) && rank(i.to) > rank(i.from))
      .map((i) => `${rel(i.from)} imports ${rel(i.to)}`);
    expect(wrong).toEqual([]);
  });

  it('with no cycle of modules (run-time imports)', () => {
    const graph = new Map<string, string[]>();
    for (const i of imports) if (!i.typeOnly) graph.set(i.from, [...(graph.get(i.from) ?? []), i.to]);
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (f: string, trail: string[]): void => {
      const s = state.get(f);
      if (s === 'done') return;
      if (s === 'open') {
        cycles.push([...trail.slice(trail.indexOf(f)), f].map(rel).join(' → '));
        return;
      }
      state.set(f, 'open');
      for (const t of graph.get(f) ?? []) visit(t, [...trail, f]);
      state.set(f, 'done');
    };
    for (const f of files) visit(f, []);
    expect(cycles).toEqual([]);
  });
});
