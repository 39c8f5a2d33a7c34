// The grid worker: the binned picture of a large spacetime (millions of cells) off the page's thread.
import { summariseSchedule } from './gridSummary';
import { serveJobs } from './jobClient';

serveJobs(summariseSchedule);
