import { chromiumBench } from './chromium';
const r = await chromiumBench(1 << 16, Number(process.env.T ?? 1000)) as Record<string, any>;
console.log(JSON.stringify({ engine: r.trajectoryStepsPerSecond, fixed: r.fixedSeconds, secs: r.seconds, path: r.runPath, ratio: r.trajectoryStepsPerSecond / r.runPath?.trajectoryStepsPerSecond }, null, 1));
