// The experiment worker: runs presets off the main thread (see presetRunner.ts).
import { runPreset } from './presetRunner';
import { serveStreamJobs } from './streamJobClient';

serveStreamJobs(runPreset);
