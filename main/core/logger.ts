import type { Logger } from './host'

/** Console logger with a per-module prefix. Callers pass only redacted text (see media/redact.ts). */
export function createLogger(prefix = 'vigil', sink: (line: string) => void = (line) => console.error(line)): Logger {
  const write = (level: string, message: string) => sink(`${new Date().toISOString()} ${level} [${prefix}] ${message}`)
  return {
    info: (message) => write('INFO ', message),
    warn: (message) => write('WARN ', message),
    error: (message) => write('ERROR', message),
    child: (child) => createLogger(`${prefix}:${child}`, sink)
  }
}

export const silentLogger: Logger = {
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => silentLogger
}
