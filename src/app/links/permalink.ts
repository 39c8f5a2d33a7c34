// The permalink codec: the whole explorer state in the URL hash (`#v=1&land=…&eta=…`), written
// and read through the one list of fields in linkFields.ts. Reading never throws: every field
// that does not validate is dropped (the default stays) and named in `dropped`.
import { DiagramError, parseDiagram, validateFor } from '../../theory/diagram';
import { initialFilters } from '../derived/catalogue';
import { fragmentFor, landscapeParams } from '../scenario/landscapes';
import { FIELDS, type LinkState, type ViewParams } from './linkFields';
import { DEFAULT_PARAMS, LANDSCAPE_DEFAULTS, preconditionerOf } from '../scenario/params';

/**
 * 2 added phi, var, lr and obs=formula. Version-1 links read unchanged (their fields are a
 * subset), and a state that uses none of the new fields is still written as version 1.
 */
export const LINK_VERSION = 2;
const READABLE_VERSIONS = ['1', '2'];
const V2_KEYS = new Set(['phi', 'var', 'lr']);

export const DEFAULT_VIEW: ViewParams = {
  ...initialFilters,
  diagram: 'c(01-2-3)(02-12-23)',
  plot: 'trajectory',
  run: false,
  preset: null,
  quick: true,
};
export const DEFAULT_LINK: LinkState = { ...DEFAULT_PARAMS, ...DEFAULT_VIEW };

const CUSTOM_KEYS = new Set(['cw', 'ci', 'loss']);

/** Whether the learning-rate field is the plain scalar (text being typed counts as not). */
function isScalarRate(lr: string): boolean {
  try {
    return preconditionerOf(lr) === null;
  } catch {
    return false;
  }
}

export function encodeLink(s: LinkState): string {
  return encodeLinkReport(s).hash;
}

/**
 * The link, and the fields left out of it because its reader would refuse them (e.g. a custom
 * loss over the formula length limit): what is written is always read back.
 */
export function encodeLinkReport(s: LinkState): { hash: string; omitted: string[] } {
  const omitted: string[] = [];
  const v2 = s.observable === 'formula' || !isScalarRate(s.lr);
  const parts = [`v=${v2 ? LINK_VERSION : 1}`];
  for (const f of FIELDS) {
    if (CUSTOM_KEYS.has(f.key) && s.landscape !== 'custom') continue;
    if (V2_KEYS.has(f.key) && !v2) continue;
    if ((f.key === 'phi' || f.key === 'var') && s.observable !== 'formula') continue;
    if (f.key === 'lp' && Object.keys(s.params).length === 0) continue;
    // quick only qualifies a preset
    if (f.key === 'quick' && s.preset === null) continue;
    const v = (f.write as (v: unknown) => string | null)(s[f.name]);
    if (v === null) continue;
    try {
      f.read(v);
    } catch (e) {
      omitted.push(`${f.key}: ${(e as Error).message}`);
      continue;
    }
    parts.push(`${f.key}=${encodeURIComponent(v)}`);
  }
  return { hash: `#${parts.join('&')}`, omitted };
}

export interface Decoded {
  state: LinkState;
  /** one line per dropped or ignored field, naming it and why */
  dropped: string[];
  /** false when the hash said nothing at all (a plain visit) */
  present: boolean;
}

function safeDecode(s: string): string | null {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

export function decodeLink(hash: string): Decoded {
  const body = hash.replace(/^#/, '');
  const dropped: string[] = [];
  if (body.trim() === '') return { state: { ...DEFAULT_LINK }, dropped, present: false };
  const raw = new Map<string, string>();
  for (const pair of body.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const k = safeDecode(eq < 0 ? pair : pair.slice(0, eq));
    const v = eq < 0 ? '' : safeDecode(pair.slice(eq + 1));
    if (k === null || v === null) {
      dropped.push(`"${pair.slice(0, 40)}": not URL-encoded text`);
      continue;
    }
    raw.set(k, v);
  }
  const version = raw.get('v');
  raw.delete('v');
  if (version === undefined) dropped.push(`v: the link has no version; read as version ${LINK_VERSION}`);
  else if (!READABLE_VERSIONS.includes(version))
    dropped.push(`v: version "${version.slice(0, 20)}" is not ${LINK_VERSION}; reading the fields this version knows`);

  // the landscape decides the defaults of the rest, so it is read first
  const land = raw.get('land');
  const state: LinkState = { ...DEFAULT_LINK, params: {}, custom: { ...DEFAULT_LINK.custom } };
  if (land !== undefined) {
    try {
      state.landscape = FIELDS[0].read(land) as LinkState['landscape'];
      Object.assign(state, LANDSCAPE_DEFAULTS[state.landscape]);
    } catch (e) {
      dropped.push(`land: ${(e as Error).message}`);
    }
    raw.delete('land');
  }
  const known = new Set(FIELDS.map((f) => f.key));
  for (const k of raw.keys()) if (!known.has(k)) dropped.push(`${k.slice(0, 30)}: unknown field`);
  for (const f of FIELDS) {
    const v = raw.get(f.key);
    if (v === undefined || f.key === 'land') continue;
    if (CUSTOM_KEYS.has(f.key) && state.landscape !== 'custom') {
      dropped.push(`${f.key}: only meaningful with the custom landscape; ignored`);
      continue;
    }
    try {
      const value = f.read(v);
      if (f.name === 'custom') state.custom = { ...state.custom, ...(value as object) };
      else (state as unknown as Record<string, unknown>)[f.name] = value;
    } catch (e) {
      dropped.push(`${f.key}: ${(e as Error).message}`);
    }
  }
  crossCheck(state, dropped);
  return { state, dropped, present: true };
}

/** Checks between fields; a failing field falls back to its default and is named. */
function crossCheck(s: LinkState, dropped: string[]): void {
  const defs = landscapeParams(s.landscape);
  for (const [k, x] of Object.entries(s.params)) {
    const d = defs.find((p) => p.name === k);
    if (!d) dropped.push(`lp: ${s.landscape} has no parameter "${k}"`);
    else if ((d.min !== undefined && x < d.min) || (d.max !== undefined && x > d.max))
      dropped.push(`lp: ${k} = ${x} is outside [${d.min ?? '-∞'}, ${d.max ?? '∞'}]`);
    else continue;
    delete s.params[k];
  }
  let weights: string[] = [];
  try {
    weights = fragmentFor(s.landscape, s.params, s.custom).weights;
  } catch {
    /* a broken custom landscape is shown as such by the scenario panel */
  }
  if (weights.length && !weights.includes(s.weight)) {
    dropped.push(`w: "${s.weight}" is not a weight of this landscape (${weights.join(', ')})`);
    s.weight = weights.includes(LANDSCAPE_DEFAULTS[s.landscape].weight)
      ? LANDSCAPE_DEFAULTS[s.landscape].weight
      : weights[weights.length - 1];
  }
  if (s.B > s.N || s.N % s.B !== 0) {
    dropped.push(`B: batch size ${s.B} does not divide N = ${s.N}; using 1`);
    s.B = 1;
  }
  if (s.batches && s.batches.some((b) => b.some((n) => n >= s.N))) {
    dropped.push(`bat: a datapoint index is not below N = ${s.N}`);
    s.batches = null;
  }
  if (typeof s.edges === 'number' && s.edges > s.order) s.edges = 'all';
  try {
    validateFor(parseDiagram(s.diagram), s.observable);
  } catch (e) {
    if (!(e instanceof DiagramError)) throw e;
    dropped.push(`d: ${e.message}`);
    s.diagram = DEFAULT_VIEW.diagram;
  }
}

/**
 * What a link of this state would not carry back: one line per field its reader would drop or
 * read as another value (a custom loss over the link's length limit, say). Empty when the link
 * restores the state exactly; the page warns with these lines beside "Copy link".
 */
export function linkLosses(s: LinkState): string[] {
  // fields the writer leaves out (its reader would refuse them), then what reads back otherwise
  const { hash, omitted } = encodeLinkReport(s);
  const back = decodeLink(hash);
  const want = linkedPart(s);
  const got = linkedPart(back.state);
  const out = [...omitted, ...back.dropped];
  for (const k of Object.keys(want) as (keyof LinkState)[]) {
    if (JSON.stringify(want[k]) !== JSON.stringify(got[k]) && !out.some((line) => line.startsWith(`${keyOf(k)}:`))) {
      out.push(`${keyOf(k)}: would read back as another value`);
    }
  }
  return out;
}

/** The part of a state a link carries: custom fields only for the custom landscape, quick only with a preset. */
export function linkedPart(s: LinkState): LinkState {
  return {
    ...s,
    custom: s.landscape === 'custom' ? s.custom : DEFAULT_LINK.custom,
    quick: s.preset === null ? DEFAULT_LINK.quick : s.quick,
    // φ and the variance switch travel only with the formula observable
    phi: s.observable === 'formula' ? s.phi : LANDSCAPE_DEFAULTS[s.landscape].phi,
    variance: s.observable === 'formula' ? s.variance : false,
    lr: isScalarRate(s.lr) ? DEFAULT_LINK.lr : s.lr,
  };
}

const keyOf = (name: keyof LinkState): string => FIELDS.find((f) => f.name === name)?.key ?? name;
