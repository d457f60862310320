// Types for start.mjs (plain Node ESM, so `npm start` needs no build step), used by the unit tests.
export declare const BUILD_SOURCES: string[]
export declare const BUILD_OUTPUTS: string[]
export declare function parseStartArgs(argv: string[]): { headless: boolean; rest: string[] }
export declare function newestMtime(paths: string[]): number
export declare function outputMtimes(paths: string[]): Array<number | undefined>
export declare function isBuildUpToDate(outputs: Array<number | undefined>, newestSource: number): boolean
export declare function electronBinary(electronDir: string, env?: NodeJS.ProcessEnv): { ok: true; path: string } | { ok: false; reason: string }
export declare function hasDisplay(platform?: string, env?: NodeJS.ProcessEnv): boolean
export declare function headlessNotice(reason: string): string
export declare function exitCodeFor(code: number | null, signal: NodeJS.Signals | null): number
