// `npm run cli -- …`: run the bundled CLI, building it first when it is missing or older than
// the sources (a fresh clone builds once, in a few seconds; later calls start in ~0.2 s).
// `node src/build/cli.mjs --build` only (re)builds and prints the bundle's path.
import { pathToFileURL } from 'node:url';
import { cliBundle } from './bundle.mjs';

if (process.argv[2] === '--build') {
  process.stdout.write((await cliBundle()) + '\n');
} else {
  // The bundle reads process.argv.slice(2) itself, like src/cli/main.ts under tsx; sweep workers
  // are started through this same file (process.argv[1]), so they get the same bundle.
  await import(pathToFileURL(await cliBundle()).href);
}
