// The one command-line parser of every CLI command: positionals and --flags, each flag checked
// against the command's list, given at most once, with a value unless it is a switch.
import { InputError } from '../theory/errors';

/** Bad command-line words; the CLI prints the usage after its message. */
export class UsageError extends InputError {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface ArgSpec {
  /** the command's name, at the start of every message ("simulate: …") */
  command: string;
  /** the flags it takes (switches included) */
  flags: readonly string[];
  /** flags that take no value */
  switches?: readonly string[];
  /** the error to throw (default: UsageError) */
  fail?: (message: string) => Error;
}

export function parseArgs(argv: readonly string[], spec: ArgSpec): { pos: string[]; flags: Map<string, string> } {
  const fail = spec.fail ?? ((m: string) => new UsageError(m));
  const pos: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) {
      pos.push(a);
      continue;
    }
    const name = a.slice(2);
    if (!spec.flags.includes(name)) {
      const known = spec.flags.length ? spec.flags.map((f) => `--${f}`).join(', ') : 'none';
      throw fail(`${spec.command}: unknown option --${name} (options: ${known})`);
    }
    if (flags.has(name)) throw fail(`${spec.command}: option --${name} given twice`);
    if (spec.switches?.includes(name)) flags.set(name, 'true');
    else {
      if (i + 1 >= argv.length) throw fail(`${spec.command}: option --${name} needs a value`);
      flags.set(name, argv[++i]);
    }
  }
  return { pos, flags };
}
