// Entry of the bundled CLI (src/build/bundle.mjs): the same main as `tsx src/cli/main.ts`.
import { main } from '../cli/main';

void main();
