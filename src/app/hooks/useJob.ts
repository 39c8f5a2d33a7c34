// A React view of a latest-wins job client (jobClient.ts): the hook submits its request whenever
// the request's key changes and returns the newest answer, drawn in a transition so that a large
// answer (thousands of catalogue cards) never holds input.
import { startTransition, useEffect, useState } from 'react';
import { JobClient, type JobClientOptions, type JobOutcome } from '../workers/jobClient';

type Listener<Req, Res> = (req: Req, outcome: JobOutcome<Res>) => void;

export interface JobChannel<Req, Res> {
  submit: (req: Req) => void;
  listen: (l: Listener<Req, Res>) => () => void;
}

/** One client per kind of job, created on first use and shared by every component. */
export function jobChannel<Req, Res>(options: Omit<JobClientOptions<Req, Res>, 'onOutcome'>): JobChannel<Req, Res> {
  const listeners = new Set<Listener<Req, Res>>();
  let client: JobClient<Req, Res> | null = null;
  return {
    submit: (req) => {
      client ??= new JobClient<Req, Res>({ ...options, onOutcome: (q, o) => listeners.forEach((l) => l(q, o)) });
      client.submit(req);
    },
    listen: (l) => {
      listeners.add(l);
      return () => {
        listeners.delete(l);
      };
    },
  };
}

export interface JobAnswer<Req, Res> {
  req: Req;
  key: string;
  outcome: JobOutcome<Res>;
}

/** The newest answer of `channel` to requests made here (null before the first); `req` null asks nothing. */
export function useJob<Req, Res>(
  channel: JobChannel<Req, Res>,
  req: Req | null,
  key: string,
): JobAnswer<Req, Res> | null {
  const [answer, setAnswer] = useState<JobAnswer<Req, Res> | null>(null);
  useEffect(
    () => channel.listen((q, outcome) => startTransition(() => setAnswer({ req: q, key: JSON.stringify(q), outcome }))),
    [channel],
  );
  useEffect(() => {
    if (req !== null) channel.submit(req);
    // the key stands for the request
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [channel, key]);
  return answer;
}
