// The simulation worker: runs lists of jobs off the main thread (see simRunner.ts).
import { runSimJobs } from './simRunner';
import { serveStreamJobs } from './streamJobClient';

serveStreamJobs(runSimJobs);
