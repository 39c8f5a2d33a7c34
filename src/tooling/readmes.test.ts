// The folder READMEs under src/ stay true to the tree: every file they name in backticks exists,
// and every source module of a folder with a README is named by it (or by a README of a folder
// between it and src/). A folder without a README is not checked; adding one brings it in.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const src = path.join(repo, 'src');

/** Extensions of the files a README may name and of the modules it must list. */
const EXT = '(?:ts|tsx|mts|mjs|js|wgsl|py|sh)';
/** A file name inside a backtick span (not a glob such as `*.test.ts`). */
const FILE_RE = new RegExp(`(?<![*\\w./-])[\\w./-]*\\w\\.${EXT}(?![\\w.])`, 'g');
/** A span that is a folder path, e.g. `formula/` or `oracle/series/`. */
const DIR_RE = /^[\w.-]+(?:\/[\w.-]+)*\/$/;
const MODULE_RE = new RegExp(`\\.${EXT}$`);
const TEST_RE = /\.test\.tsx?$/;

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

const readmes = walk(src)
  .filter((f) => path.basename(f) === 'README.md' && path.dirname(f) !== src)
  .sort();

/** Backtick spans of a Markdown text (fenced blocks included: they name files too). */
const spans = (text: string): string[] => [...text.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]);

/** Where a name points: beside the README, else from the repository root, else from src/. */
function resolve(readme: string, name: string): string | null {
  const rel = name.replace(/^\/+/, '');
  for (const base of [path.dirname(readme), repo, src]) {
    const p = path.join(base, rel);
    if (existsSync(p)) return p;
  }
  return null;
}

interface Named {
  files: string[];
  dirs: string[];
}

function named(readme: string): Named {
  const text = readFileSync(readme, 'utf8');
  const files: string[] = [];
  const dirs: string[] = [];
  for (const s of spans(text)) {
    for (const m of s.matchAll(FILE_RE)) files.push(m[0]);
    if (DIR_RE.test(s.trim())) dirs.push(s.trim());
  }
  return { files, dirs };
}

const rel = (p: string): string => path.relative(repo, p);

describe('src/*/README.md', () => {
  it('are found (the checks below are not vacuous)', () => {
    const folders = readmes.map((r) => rel(path.dirname(r)));
    for (const f of ['src/theory', 'src/landscape', 'src/sim', 'src/cli', 'src/experiments']) {
      expect(folders).toContain(f);
    }
  });

  it.each(readmes.map(rel))('%s names only files and folders that exist', (readme) => {
    const abs = path.join(repo, readme);
    const { files, dirs } = named(abs);
    const missing = [
      ...files.filter((f) => resolve(abs, f) === null),
      ...dirs.filter((d) => {
        const p = resolve(abs, d);
        return p === null || !statSync(p).isDirectory();
      }),
    ];
    expect(missing, `${readme} names what is not there`).toEqual([]);
  });

  it.each(readmes.map(rel))('%s names every source module of its folder', (readme) => {
    const abs = path.join(repo, readme);
    const dir = path.dirname(abs);
    const modules = walk(dir).filter((f) => MODULE_RE.test(f) && !TEST_RE.test(f));
    // A module may be listed by any README between it and src/ (a sub-folder may have its own).
    const covering = (m: string): string[] => readmes.filter((r) => m.startsWith(path.dirname(r) + path.sep));
    const mentioned = new Set<string>();
    for (const r of readmes) {
      for (const f of named(r).files) {
        const p = resolve(r, f);
        if (p) mentioned.add(`${r}\0${p}`);
      }
    }
    const unlisted = modules.filter((m) => !covering(m).some((r) => mentioned.has(`${r}\0${m}`)));
    expect(unlisted.map(rel), `${readme} does not list these modules`).toEqual([]);
  });
});
