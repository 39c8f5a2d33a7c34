// `sweep plan.json --emit k8s|slurm`: hand the shards to a cluster's own scheduler instead of
// scheduling here. Kubernetes gets an Indexed Job (shard = JOB_COMPLETION_INDEX) and a merge Job;
// Slurm gets one script that is the array task (shard = SLURM_ARRAY_TASK_ID), the merge step,
// and, run by hand, the submitter of both. Every shard appends to its own file on the shared
// path and resumes where it stopped when the scheduler retries it.
import type { Plan } from './sweep-plan';

export interface EmitOptions {
  kind: 'k8s' | 'slurm';
  shards: number;
  /** The merged output as the jobs see it (on the shared volume or file system). */
  out: string;
  /** The plan file as the jobs see it (relative to workdir, or absolute). */
  planPath: string;
  /** How the jobs start the CLI, e.g. `npm run --silent cli --` or `sh /kit/run.sh cli`. */
  cli: string;
  workdir?: string;
  jobs?: number;
  gpu: boolean;
  image: string;
  pvc: string;
  mount: string;
}

/** Quote for a POSIX shell (single quotes; a quote inside becomes '\''). */
export function shq(s: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

const out0 = (out: string) => out.replace(/\.jsonl$/, '');

/** Where shard i writes: `results.jsonl` → `results.shard-i.jsonl`. */
export function shardFile(out: string, index: string | number): string {
  return `${out0(out)}.shard-${index}.jsonl`;
}

/** The shell command of one shard; `indexVar` names the variable that holds the shard index. */
function shardCommand(o: EmitOptions, indexVar: string): string {
  const base = out0(o.out);
  return [
    o.cli,
    'sweep',
    shq(o.planPath),
    '--shard',
    `"$${indexVar}/${o.shards}"`,
    '--out',
    `${shq(base)}".shard-$${indexVar}.jsonl"`,
    ...(o.jobs ? ['--jobs', String(o.jobs)] : []),
  ].join(' ');
}

function mergeCommand(o: EmitOptions): string {
  const inputs = Array.from({ length: o.shards }, (_, i) => shq(shardFile(o.out, i)));
  return [o.cli, 'sweep', shq(o.planPath), '--merge', ...inputs, '--out', shq(o.out)].join(' ');
}

function k8s(plan: Plan, o: EmitOptions): string {
  const name = `sgd-sweep-${plan.fingerprint}`;
  const workdir = o.workdir ?? o.mount;
  const q = JSON.stringify;
  const job = (jobName: string, step: string, n: number, command: string, indexed: boolean) => [
    'apiVersion: batch/v1',
    'kind: Job',
    'metadata:',
    `  name: ${jobName}`,
    '  labels:',
    `    sgd-diagrams/sweep: "${plan.fingerprint}"`,
    `    sgd-diagrams/step: ${step}`,
    'spec:',
    ...(indexed ? ['  completionMode: Indexed'] : []),
    `  completions: ${n}`,
    `  parallelism: ${n}`,
    // A retried pod resumes its shard from its own file, so retries are cheap.
    `  backoffLimit: ${3 * n}`,
    '  template:',
    '    metadata:',
    '      labels:',
    `        sgd-diagrams/step: ${step}`,
    '    spec:',
    '      restartPolicy: Never',
    '      containers:',
    `        - name: ${step === 'shards' ? 'shard' : 'merge'}`,
    `          image: ${q(o.image)}`,
    `          workingDir: ${q(workdir)}`,
    `          command: ${q(['sh', '-c', command])}`,
    ...(o.gpu && step === 'shards'
      ? ['          resources:', '            limits:', '              nvidia.com/gpu: 1']
      : []),
    '          volumeMounts:',
    '            - name: shared',
    `              mountPath: ${q(o.mount)}`,
    '      volumes:',
    '        - name: shared',
    '          persistentVolumeClaim:',
    `            claimName: ${q(o.pvc)}`,
  ];
  return [
    `# Sweep ${plan.fingerprint}: ${plan.size} grid points in ${o.shards} shards (sgd-diagrams).`,
    '# The volume holds the project (or the kit), the plan and the outputs. Run:',
    `#   kubectl apply -f THIS.yaml -l sgd-diagrams/step=shards`,
    `#   kubectl wait --for=condition=complete --timeout=-1s job/${name}`,
    `#   kubectl apply -f THIS.yaml -l sgd-diagrams/step=merge`,
    ...job(name, 'shards', o.shards, shardCommand(o, 'JOB_COMPLETION_INDEX'), true),
    '---',
    ...job(`${name}-merge`, 'merge', 1, mergeCommand(o), false),
    '',
  ].join('\n');
}

function slurm(plan: Plan, o: EmitOptions): string {
  const name = `sgd-sweep-${plan.fingerprint}`;
  return [
    '#!/bin/sh',
    `#SBATCH --job-name=${name}`,
    `#SBATCH --array=0-${o.shards - 1}`,
    `#SBATCH --output=${out0(o.out)}.shard-%a.log`,
    ...(o.jobs ? [`#SBATCH --cpus-per-task=${o.jobs}`] : []),
    ...(o.gpu ? ['#SBATCH --gres=gpu:1'] : []),
    `# Sweep ${plan.fingerprint}: ${plan.size} grid points in ${o.shards} shards (sgd-diagrams).`,
    '# Run `sh THIS.sh` on the login node: it submits the array and the merge after it.',
    '# Under sbatch it is one array task; with SGD_SWEEP_STEP=merge it is the merge step.',
    'set -eu',
    ...(o.workdir ? [`cd ${shq(o.workdir)}`] : []),
    'if [ -n "${SLURM_ARRAY_TASK_ID:-}" ]; then',
    `  ${shardCommand(o, 'SLURM_ARRAY_TASK_ID')}`,
    'elif [ "${SGD_SWEEP_STEP:-}" = merge ]; then',
    `  ${mergeCommand(o)}`,
    'else',
    '  self=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")',
    '  jid=$(sbatch --parsable "$self")',
    '  jid=${jid%%;*}',
    `  sbatch --parsable --dependency=afterok:"$jid" --job-name=${name}-merge \\`,
    `    --output=${shq(out0(o.out))}.merge.log --wrap "SGD_SWEEP_STEP=merge sh '$self'"`,
    '  echo "submitted array job $jid and its merge"',
    'fi',
    '',
  ].join('\n');
}

export function emit(plan: Plan, o: EmitOptions): string {
  switch (o.kind) {
    case 'k8s':
      return k8s(plan, o);
    case 'slurm':
      return slurm(plan, o);
    default: {
      const never: never = o.kind;
      throw new Error(`unknown emit kind ${String(never)}`);
    }
  }
}
