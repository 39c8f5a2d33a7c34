// Runs a list of simulation jobs one after another, reporting progress and each result as it
// comes. Shared by the simulation worker and the main-thread fallback (streamJobClient.ts).
import { DeviceHolder, runSimulation, type Progress } from '../../sim/engine';
import { runProgressive } from '../../sim/progressive';
import type { SimEvent, SimJob } from './simProtocol';
import type { StreamJobRun } from './streamJobClient';

export const runSimJobs: StreamJobRun<SimJob[], SimEvent> = async (jobs, { signal, emit }) => {
  // One device for all jobs: each distinct kernel is compiled once (the η sweep shares one).
  // It is only a handle on a GPUDevice, so the main thread holds one the same way.
  const devices = new DeviceHolder();
  try {
    for (const [job, { spec, progressive }] of jobs.entries()) {
      const onProgress = (p: Progress & { from?: number; to?: number }) =>
        emit({
          type: 'progress',
          job,
          step: p.step,
          T: p.T,
          engine: p.engine,
          rounds: p.to === undefined ? undefined : [p.from ?? 0, p.to],
        });
      if (progressive) {
        const { trajectories, ...rest } = spec;
        await runProgressive(rest, {
          signal,
          devices,
          onProgress,
          initial: trajectories,
          targetStderr: progressive.target,
          cap: progressive.cap,
          onRound: (result, stop) => emit({ type: 'result', job, result, final: stop !== null }),
        });
        continue;
      }
      const result = await runSimulation(spec, { signal, devices, onProgress });
      emit({ type: 'result', job, result, final: true });
    }
  } finally {
    devices.close();
  }
};
