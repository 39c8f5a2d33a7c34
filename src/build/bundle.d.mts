// Types of bundle.mjs (plain JavaScript, so that Node runs it without a compiler).
export const repo: string;
export const cacheDir: string;
export const CLI_BUNDLE: string;
export function newestSource(): number;
export function isStale(file: string): boolean;
export function bundle(entry: string, outFile: string): Promise<string>;
export function cliBundle(): Promise<string>;
