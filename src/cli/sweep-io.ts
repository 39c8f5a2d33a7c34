// Result files of a sweep: one JSON line per grid point, appended and fsync'd one at a time, so
// an interrupted run loses at most the point in flight. A torn last line (the process died while
// writing it) is cut off when the run resumes; anything else that does not belong is an error.
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  ftruncateSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { PlanError, type Plan } from './sweep-plan';

function openForWriting(file: string, flags: 'a' | 'w'): number {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    return openSync(file, flags);
  } catch (e) {
    throw new PlanError(`cannot write "${file}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

export interface ResultLine {
  plan: string;
  index: number;
  [k: string]: unknown;
}

interface Scan {
  lines: { index: number; text: string }[];
  /** Byte length of the complete lines; anything after is a torn line. */
  goodBytes: number;
  torn: boolean;
}

function scan(file: string, plan: Plan): Scan {
  const buf = readFileSync(file);
  const lines: Scan['lines'] = [];
  const seen = new Set<number>();
  let start = 0;
  let lineNo = 0;
  while (start < buf.length) {
    const nl = buf.indexOf(0x0a, start);
    lineNo++;
    const end = nl < 0 ? buf.length : nl;
    const text = buf.subarray(start, end).toString('utf8');
    let obj: ResultLine | null = null;
    try {
      obj = JSON.parse(text) as ResultLine;
    } catch {
      obj = null;
    }
    // Each line is written with its newline in one call: a line without one was cut short.
    if (nl < 0) return { lines, goodBytes: start, torn: true };
    if (obj === null) throw new PlanError(`${file}, line ${lineNo}: not a JSON line of a sweep`);
    if (obj.plan !== plan.fingerprint) {
      throw new PlanError(
        `${file}, line ${lineNo}: a point of another plan ` +
          `(fingerprint ${JSON.stringify(obj.plan)}; this plan's is ${plan.fingerprint})`,
      );
    }
    if (!Number.isInteger(obj.index) || obj.index < 0 || obj.index >= plan.size) {
      throw new PlanError(
        `${file}, line ${lineNo}: index ${JSON.stringify(obj.index)} is outside the grid ` + `(0..${plan.size - 1})`,
      );
    }
    if (seen.has(obj.index)) throw new PlanError(`${file}, line ${lineNo}: point ${obj.index} appears twice`);
    seen.add(obj.index);
    lines.push({ index: obj.index, text });
    start = end + 1;
  }
  return { lines, goodBytes: buf.length, torn: false };
}

/**
 * Open (creating) the output for appending: the indices already there, after cutting off a torn
 * last line. Throws if the file holds lines of another plan.
 */
export function openResults(
  file: string,
  plan: Plan,
): { done: Set<number>; append(line: string): void; close(): void; droppedTorn: boolean } {
  let done = new Set<number>();
  let droppedTorn = false;
  if (existsSync(file)) {
    const s = scan(file, plan);
    done = new Set(s.lines.map((l) => l.index));
    if (s.torn) {
      const fd = openSync(file, 'r+');
      ftruncateSync(fd, s.goodBytes);
      fsyncSync(fd);
      closeSync(fd);
      droppedTorn = true;
    }
  }
  // (The folder is made if missing: on a cluster it is often a fresh one on the shared volume.)
  const fd = openForWriting(file, 'a');
  return {
    done,
    droppedTorn,
    append(line: string) {
      writeSync(fd, line + '\n');
      fsyncSync(fd);
    },
    close: () => closeSync(fd),
  };
}

/**
 * Combine shard outputs into one file with every grid point exactly once, in index order.
 * Missing or duplicate points, torn lines and lines of another plan are errors.
 */
export function mergeResults(plan: Plan, inputs: string[], out: string): { points: number } {
  if (inputs.length === 0) throw new PlanError('--merge: name the shard outputs to combine');
  const byIndex = new Map<number, { text: string; file: string }>();
  for (const f of inputs) {
    if (!existsSync(f)) throw new PlanError(`--merge: "${f}" does not exist`);
    const s = scan(f, plan);
    if (s.torn)
      throw new PlanError(
        `--merge: ${f} ends in an incomplete line (its run was interrupted: rerun that shard to finish it)`,
      );
    for (const l of s.lines) {
      const prev = byIndex.get(l.index);
      if (prev) throw new PlanError(`--merge: point ${l.index} is in both ${prev.file} and ${f}`);
      byIndex.set(l.index, { text: l.text, file: f });
    }
  }
  const missing: number[] = [];
  for (let i = 0; i < plan.size; i++) if (!byIndex.has(i)) missing.push(i);
  if (missing.length) {
    const list = missing.slice(0, 10).join(', ') + (missing.length > 10 ? ', …' : '');
    throw new PlanError(`--merge: ${missing.length} of ${plan.size} grid points are missing (${list})`);
  }
  // Written beside the target and renamed: a reader never sees half a merge.
  const tmp = `${out}.partial-${process.pid}`;
  const fd = openForWriting(tmp, 'w');
  try {
    const text = Array.from({ length: plan.size }, (_, i) => byIndex.get(i)!.text + '\n').join('');
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, out);
  return { points: plan.size };
}
