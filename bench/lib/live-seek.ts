// Seek latency: how long the index takes to answer "which segment holds this instant?" with a month of
// recordings. Only the index rows are generated (the files need not exist): openDatabase + SegmentsRepo,
// Vigil's own schema, indexes and statements.
import { statSync } from 'node:fs'
import path from 'node:path'
import { createApp } from '../../main/core/app'
import { openDatabase, SegmentsRepo } from '../../main/core/db'
import { silentLogger } from '../../main/core/logger'
import { FFMPEG } from './live-source'

export const SEEK = { days: 30, cameras: 8, segmentSeconds: 60, locateCalls: 1000, rangeCalls: 100, warmupCalls: 50 }

/** The straightforward query one would write first: the first segment ending after `at`, in start order. */
export const NAIVE_SQL = 'SELECT * FROM segments WHERE camera_id = ? AND end_ms > ? ORDER BY start_ms LIMIT 1'

export interface Timings {
  /** Per-call times in ms. */
  samples: number[]
}

export interface SeekResult {
  rows: number
  dbBytes: number
  insertSeconds: number
  /** The very first locate (statement caches and pages cold), ms. */
  firstLocateMs: number
  locate: Timings
  naive: Timings
  inRangeDay: Timings & { rowsPerCall: number }
  dispatch: Timings
  /** Random instants where locate and the naive query disagreed (should be 0: there are no gaps). */
  mismatches: number
  /** SQLite's EXPLAIN QUERY PLAN of each statement: why the times differ. */
  plans: Record<string, string[]>
}

/** A small seeded PRNG (mulberry32): every run asks for the same instants. */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function time<T>(fn: () => T): { ms: number; value: T } {
  const start = process.hrtime.bigint()
  const value = fn()
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value }
}

const cameraIds = () => Array.from({ length: SEEK.cameras }, (_, i) => `bench-cam-${i + 1}`)

/** 30 days x 8 cameras of back-to-back 60 s segments ending at the last full minute, in one transaction. */
function fillIndex(repo: SegmentsRepo, db: ReturnType<typeof openDatabase>): { from: number; to: number; rows: number } {
  const step = SEEK.segmentSeconds * 1000
  const to = Math.floor(Date.now() / step) * step
  const from = to - SEEK.days * 86_400_000
  let rows = 0
  db.transaction(() => {
    for (const cameraId of cameraIds()) {
      for (let start = from; start < to; start += step) {
        const day = new Date(start).toISOString().slice(0, 10)
        repo.insert({
          cameraId,
          path: `${cameraId}/${day}/${new Date(start).toISOString().replace(/[:.]/g, '-')}.mp4`,
          start,
          end: start + step,
          durationMs: step,
          tz: 'UTC',
          utcOffsetMin: 0,
          bytes: 31_000_000,
          videoCodec: 'h264',
          audioCodec: null,
          sha256: '0'.repeat(64)
        })
        rows++
      }
    }
  })()
  return { from, to, rows }
}

export async function seekBench(dataDir: string): Promise<SeekResult> {
  const file = path.join(dataDir, 'vigil.db')
  const db = openDatabase(file)
  const repo = new SegmentsRepo(db)
  const filled = time(() => fillIndex(repo, db))
  const { from, to, rows } = filled.value
  const next = random(42)
  const cameras = cameraIds()
  const pick = () => ({ cameraId: cameras[Math.floor(next() * cameras.length)], at: from + Math.floor(next() * (to - from)) })

  const firstLocate = time(() => repo.locate(cameras[0], from + (to - from) / 2))
  for (let i = 0; i < SEEK.warmupCalls; i++) {
    const { cameraId, at } = pick()
    repo.locate(cameraId, at)
  }

  // The same instants for both queries, so their times compare call for call.
  const targets = Array.from({ length: SEEK.locateCalls }, pick)
  const naiveStmt = db.prepare<[string, number], { id: number }>(NAIVE_SQL)
  const locate: number[] = []
  const naive: number[] = []
  let mismatches = 0
  for (const { cameraId, at } of targets) {
    const a = time(() => repo.locate(cameraId, at))
    const b = time(() => naiveStmt.get(cameraId, at))
    locate.push(a.ms)
    naive.push(b.ms)
    if (a.value?.id !== b.value?.id) mismatches++
  }

  const inRange: number[] = []
  let rowsPerCall = 0
  for (let i = 0; i < SEEK.rangeCalls; i++) {
    const { cameraId } = pick()
    const dayStart = from + Math.floor(next() * (SEEK.days - 1)) * 86_400_000
    const result = time(() => repo.inRange(cameraId, dayStart, dayStart + 86_400_000))
    inRange.push(result.ms)
    rowsPerCall = result.value.length
  }
  const plans = queryPlans(db)
  db.close()

  const dispatch = await timeDispatch(dataDir, Array.from({ length: SEEK.locateCalls }, pick))
  return {
    rows,
    dbBytes: statSync(file).size + walBytes(file),
    insertSeconds: filled.ms / 1000,
    firstLocateMs: firstLocate.ms,
    locate: { samples: locate },
    naive: { samples: naive },
    inRangeDay: { samples: inRange, rowsPerCall },
    dispatch: { samples: dispatch },
    mismatches,
    plans
  }
}

/** The statements locate runs (as in segments-repo.ts) and the naive one, as SQLite plans them. */
function queryPlans(db: ReturnType<typeof openDatabase>): Record<string, string[]> {
  const statements = {
    'locate (at or before)': 'SELECT * FROM segments WHERE camera_id = ? AND missing = 0 AND start_ms <= ? ORDER BY start_ms DESC LIMIT 1',
    'locate (after)': 'SELECT * FROM segments WHERE camera_id = ? AND missing = 0 AND start_ms > ? ORDER BY start_ms LIMIT 1',
    naive: NAIVE_SQL
  }
  const plans: Record<string, string[]> = {}
  for (const [name, sql] of Object.entries(statements)) {
    plans[name] = db.prepare<[string, number], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`).all('bench-cam-1', 0).map((row) => row.detail)
  }
  return plans
}

function walBytes(file: string): number {
  try {
    return statSync(`${file}-wal`).size
  } catch {
    return 0
  }
}

/**
 * `recordings.locate` as the UI calls it, minus the transport: createApp's dispatch (method lookup, zod
 * validation of the arguments, the handler, the result mapping). 'configure' opens the database and the
 * camera registry without starting recorders.
 */
async function timeDispatch(dataDir: string, targets: { cameraId: string; at: number }[]): Promise<number[]> {
  const app = createApp({ dataDir, headless: true, demo: 'off', ffmpegPath: FFMPEG, logger: silentLogger })
  await app.start('configure')
  try {
    for (let i = 0; i < SEEK.warmupCalls; i++) await app.dispatch('recordings.locate', targets[i])
    const samples: number[] = []
    for (const target of targets) {
      const start = process.hrtime.bigint()
      const envelope = await app.dispatch('recordings.locate', target)
      samples.push(Number(process.hrtime.bigint() - start) / 1e6)
      if (!envelope.ok) throw new Error(`recordings.locate failed: ${JSON.stringify(envelope.error)}`)
    }
    return samples
  } finally {
    await app.stop()
  }
}
