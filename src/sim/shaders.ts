// The WGSL sources of /shaders as strings, in every runtime we use:
// - Vite (browser build, workers, vitest): import.meta.glob with ?raw inlines them at build time;
// - plain Node (tsx CLI, bench): import.meta.glob does not exist, so read the files with fs.
// No static import of node:fs, so the browser bundle never sees it.

export type ShaderName = 'mathf' | 'philox' | 'sample' | 'reduce' | 'step';

function load(): Record<string, string> {
  const out: Record<string, string> = {};
  try {
    const mods = import.meta.glob('../../shaders/*.wgsl', { query: '?raw', import: 'default', eager: true });
    for (const [path, text] of Object.entries(mods)) {
      out[path.replace(/^.*\//, '').replace(/\.wgsl$/, '')] = text as string;
    }
    return out;
  } catch {
    // Node without Vite's transform: `import.meta.glob` is undefined.
    const proc = (globalThis as { process?: { getBuiltinModule?: (m: string) => unknown } }).process;
    const fs = proc?.getBuiltinModule?.('node:fs') as
      { readdirSync(p: URL): string[]; readFileSync(p: URL, enc: 'utf8'): string } | undefined;
    if (!fs) throw new Error('cannot load WGSL shaders: neither Vite nor Node fs is available');
    // (A computed path: Vite would otherwise try to resolve this URL as a build asset.)
    const dir = new URL(['..', '..', 'shaders', ''].join('/'), import.meta.url);
    for (const f of fs.readdirSync(dir)) {
      if (f.endsWith('.wgsl')) out[f.slice(0, -5)] = fs.readFileSync(new URL(f, dir), 'utf8');
    }
    return out;
  }
}

let cache: Record<string, string> | null = null;

/** The source text of shaders/<name>.wgsl. */
export function shader(name: ShaderName): string {
  cache ??= load();
  const s = cache[name];
  if (s === undefined) throw new Error(`missing shader shaders/${name}.wgsl`);
  return s;
}
