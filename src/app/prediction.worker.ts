// The prediction worker: tensors, series and resummed models are built here, never on the page's
// thread; its caches keep a slider move to a re-evaluation.
import { serveJobs } from './jobClient';
import { computePredictions } from './predictionJob';

serveJobs(computePredictions);
