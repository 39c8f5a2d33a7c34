// The prediction worker: tensors, series and resummed models are built here, never on the page's
// thread; its caches keep a slider move to a re-evaluation. It answers two kinds of job, each from
// its own instance (see useAllowance): the panels' predictions and the truncation allowance.
import { computeAllowance, type AllowanceRequest } from '../derived/allowance';
import { serveJobs } from './jobClient';
import { computePredictions, type PredictionRequest } from './predictionJob';

serveJobs((req: PredictionRequest | AllowanceRequest) =>
  'kind' in req ? computeAllowance(req) : computePredictions(req),
);
