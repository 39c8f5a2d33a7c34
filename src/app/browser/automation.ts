// A scripting handle on the page (`window.sgdDiagrams` in the browser console): the same
// engines the panels use, for reproducing a number by hand or from a test driver.
import { capabilities, runSimulation } from '../../sim/engine';
import { parseScenario } from '../../landscape/scenario';
import { predict } from '../../landscape/predict';

export interface Automation {
  runSimulation: typeof runSimulation;
  capabilities: typeof capabilities;
  /** the CLI's `predict` for a scenario object */
  predict: (scenario: unknown) => ReturnType<typeof predict>;
  parseScenario: typeof parseScenario;
}

export function installAutomation(
  target: Record<string, unknown> = globalThis as unknown as Record<string, unknown>,
): Automation {
  const api: Automation = { runSimulation, capabilities, predict: (s) => predict(parseScenario(s)), parseScenario };
  target.sgdDiagrams = api;
  return api;
}
