// How long to sleep before awaiting a chunk's results, where awaiting costs the GPU a core
// (GpuContext.busyWaitCostsGpu: Dawn's Node binding polls while a promise is pending, and a
// software GPU computes on the same cores). Sleep through most of the expected time, then await;
// the estimate of seconds per step learns from each chunk:
//   - results ready within PROMPT_MS of waking: we overslept (or hit it exactly), so the estimate
//     shrinks below what we slept;
//   - otherwise the work took the sleep plus the wait (a little less, since the wait slowed it).

const PROMPT_MS = 4;

export class WaitPacer {
  private measured = false;

  /** `secsPerStep`: the first guess (the caller's chunk sizing assumes the same speed). */
  constructor(private secsPerStep: number) {}

  /** Milliseconds to sleep before awaiting a chunk of `steps` updates. */
  sleepMs(steps: number): number {
    return 1000 * (this.measured ? 0.9 : 0.6) * this.secsPerStep * steps;
  }

  /** Record a chunk of `steps` updates: slept `sleptMs`, then waited `waitedMs` for the results. */
  record(steps: number, sleptMs: number, waitedMs: number): void {
    if (steps <= 0) return;
    this.secsPerStep = waitedMs < PROMPT_MS ? (0.85 * sleptMs) / 1000 / steps : (sleptMs + waitedMs) / 1000 / steps;
    this.measured = true;
  }

  /** The current estimate (seconds per update). */
  get estimate(): number {
    return this.secsPerStep;
  }
}
