// The grid worker: the spacetime view's overview of the whole schedule (a custom schedule may hold
// millions of cells) off the page's thread.
import { scheduleOverview } from '../diagrams/gridWindow';
import { serveJobs } from './jobClient';

serveJobs(scheduleOverview);
