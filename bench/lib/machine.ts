// What a benchmark ran on, for the header of its results: the same fields in every results file.
import { spawnSync } from 'node:child_process'
import os from 'node:os'

/** The first line a program prints for `args` (its version), or 'unknown'. */
export function firstLine(command: string, args: string[]): string {
  return spawnSync(command, args, { encoding: 'utf8' }).stdout?.split('\n')[0] ?? 'unknown'
}

export function machine<T extends Record<string, string>>(extras: T = {} as T) {
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: Number((os.totalmem() / 1024 ** 3).toFixed(1)),
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
    // The benchmarks measure Debian's ffmpeg, as the tests do.
    ffmpeg: firstLine('/usr/bin/ffmpeg', ['-hide_banner', '-version']).replace(/ Copyright.*/, ''),
    ...extras,
    loadAverage: os.loadavg().map((l) => Number(l.toFixed(2)))
  }
}
