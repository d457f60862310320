// Types for electron-native.mjs (plain Node ESM, so `npm start` needs no build step), used by the unit tests.
export declare const SQLITE_BINARY: string
export declare const NATIVE_DIR: string
export declare const STAMP_FILE: string

export interface CommandResult {
  code: number
  output: string
  timedOut: boolean
}
export type RunCommand = (
  command: string,
  args: string[],
  options: { cwd: string; timeoutMs: number; env?: NodeJS.ProcessEnv }
) => Promise<CommandResult>

export interface NativeStamp {
  betterSqlite3: string
  electron: string
  platform?: string
  arch?: string
  how?: string
}

export type EnsureResult = { ok: true; path: string; how: 'cached' | 'prebuild' | 'rebuild' } | { ok: false; reason: string }

export declare function nativeDirName(electronVersion: string, platform: string, arch: string): string
export declare function electronSqlitePath(projectDir: string, electronVersion: string, platform: string, arch: string): string
export declare function readJson(file: string): any
export declare function isStampCurrent(stamp: NativeStamp | null | undefined, current: { sqliteVersion: string; electronVersion: string }): boolean
export declare function shortReason(output: string | null | undefined, fallback: string): string
export declare const runCommand: RunCommand
export declare function ensureElectronSqlite(options: {
  projectDir: string
  electronVersion: string
  platform?: string
  arch?: string
  force?: boolean
  run?: RunCommand
  log?: (line: string) => void
}): Promise<EnsureResult>
export declare function projectRoot(): string
export declare function electronVersionOf(projectDir: string): string | null
