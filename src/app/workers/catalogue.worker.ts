// The catalogue worker: enumerating diagram classes (thousands at order 5) off the page's thread.
import { catalogueFor } from '../derived/catalogue';
import { serveJobs } from './jobClient';

serveJobs(catalogueFor);
