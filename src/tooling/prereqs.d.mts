// Types of prereqs.mjs (a plain Node script so that it runs before any dependency is checked).
export const CHROMIUM_CANDIDATES: string[];
export const SWIFTSHADER_ICD: string;
export function findChromium(): string | null;
export function findSwiftShaderIcd(chromium?: string | null): string | null;
export function missing(): string[];
export function ensurePrerequisites(): string | null;
