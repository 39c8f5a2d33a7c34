import { describe, expect, it } from 'vitest';
import { formatDuration, PROGRESS_DELAY_S, progressLine, runTalk } from './progress';

function fakeStream(isTTY: boolean) {
  const out: string[] = [];
  return { out, stream: { isTTY, write: (s: string) => out.push(s) } };
}

describe('simulate progress', () => {
  it('formats percentage, rate and ETA', () => {
    expect(progressLine(250, 1000, 5)).toBe('simulate: 25.0% (250 of 1000 steps), 50.0 steps/s, ETA 15 s');
    expect(progressLine(4_000_000, 1e9, 10)).toMatch(/0\.4% .* 4\.0e\+5 steps\/s, ETA 41\.7 min|ETA 42 min/);
    expect(formatDuration(7200)).toBe('2.0 h');
    expect(formatDuration(Infinity)).toBe('unknown');
  });

  it('stays quiet for the first seconds, then writes one line in place; a newline at the end', () => {
    let t = 0;
    const { out, stream } = fakeStream(true);
    const talk = runTalk({ stream, now: () => t, sigint: false });
    t = PROGRESS_DELAY_S - 0.1;
    talk.onProgress({ step: 10, T: 100, engine: 'cpu' });
    expect(out).toEqual([]);
    t = PROGRESS_DELAY_S + 0.5;
    talk.onProgress({ step: 50, T: 100, engine: 'cpu' });
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^\rsimulate: 50\.0% \(50 of 100 steps\), .* steps\/s, ETA 3 s/);
    t += 0.1; // throttled
    talk.onProgress({ step: 60, T: 100, engine: 'cpu' });
    expect(out).toHaveLength(1);
    talk.dispose();
    expect(out[out.length - 1]).toBe('\n');
  });

  it('says nothing when stderr is not a terminal', () => {
    let t = 0;
    const { out, stream } = fakeStream(false);
    const talk = runTalk({ stream, now: () => t, sigint: false });
    t = 100;
    talk.onProgress({ step: 50, T: 100, engine: 'cpu' });
    talk.dispose();
    expect(out).toEqual([]);
  });
});
