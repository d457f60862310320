// CPU, memory and I/O of a process tree, read straight from /proc (Linux only).
// A tree is a set of root pids plus all their descendants, found again on every sample so that
// children started later (Vigil's ffmpegs, a restarted recorder) are counted too.
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'

/** Kernel clock ticks per second: the unit of utime/stime in /proc/<pid>/stat. */
export const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100

export interface ProcStat {
  pid: number
  ppid: number
  comm: string
  /** Start time in ticks since boot: pid plus start time names one process even if the pid is reused. */
  startTime: number
  /** utime + stime in clock ticks. */
  ticks: number
  /** cutime + cstime: everything its children used, added when it reaps them. */
  childTicks: number
}

/** Parses /proc/<pid>/stat; comm sits in parentheses and may itself contain spaces or ')'. */
export function parseStat(text: string): ProcStat | null {
  const open = text.indexOf('(')
  const close = text.lastIndexOf(')')
  if (open < 0 || close < open) return null
  const rest = text.slice(close + 2).split(' ')
  // rest[0] is field 3 (state): ppid is field 4, utime 14, stime 15, cutime 16, cstime 17, starttime 22.
  return {
    pid: Number(text.slice(0, open).trim()),
    ppid: Number(rest[1]),
    comm: text.slice(open + 1, close),
    startTime: Number(rest[19]),
    ticks: Number(rest[11]) + Number(rest[12]),
    childTicks: Number(rest[13]) + Number(rest[14])
  }
}

/** Reads a /proc file of a process that may have exited a moment ago. */
function readProcFile(pid: number, name: string): string | null {
  try {
    return readFileSync(`/proc/${pid}/${name}`, 'utf8')
  } catch {
    return null
  }
}

export function readStat(pid: number): ProcStat | null {
  const text = readProcFile(pid, 'stat')
  return text === null ? null : parseStat(text)
}

/**
 * VmRSS and its anonymous part (RssAnon) in kB; kernel threads and zombies have none.
 * RssAnon is the process' own heap and stacks. The rest of VmRSS is code and libraries mapped from
 * files, which N ffmpegs share: summed VmRSS counts those N times. (PSS would split them, but among
 * every process mapping them, the test's feeders and the benchmark's own Node included.)
 */
export function readRssKb(pid: number): { rss: number; anon: number } {
  const status = readProcFile(pid, 'status') ?? ''
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)\\s+kB`, 'm').exec(status)?.[1] ?? 0)
  return { rss: field('VmRSS'), anon: field('RssAnon') }
}

/** rchar/wchar count every read()/write(), sockets and pipes included, unlike read_bytes. */
export function readIo(pid: number): { rchar: number; wchar: number } | null {
  const text = readProcFile(pid, 'io')
  if (text === null) return null
  const rchar = /^rchar:\s+(\d+)/m.exec(text)
  const wchar = /^wchar:\s+(\d+)/m.exec(text)
  return rchar && wchar ? { rchar: Number(rchar[1]), wchar: Number(wchar[1]) } : null
}

export interface TcpSocket {
  /** local address:port -> peer address:port, unique while the connection is open. */
  key: string
  pid: number
  bytesReceived: number
}

/**
 * TCP payload bytes received per established socket of the given pids (tcp_info bytes_received, via
 * `ss`). rchar does not count these: ffmpeg reads its RTSP socket with recv(), which bypasses the
 * read() accounting behind rchar.
 */
export function tcpReceived(pids: Set<number>): TcpSocket[] {
  let out: string
  try {
    out = execFileSync('ss', ['-tinpH', 'state', 'established'], { encoding: 'utf8', maxBuffer: 16 << 20 })
  } catch {
    return []
  }
  const sockets: TcpSocket[] = []
  // One socket per record: a first line (addresses, users) and tab-indented lines with tcp_info.
  for (const record of out.split(/\n(?=\S)/)) {
    const [head] = record.split('\n')
    const fields = head.trim().split(/\s+/)
    const owner = [...head.matchAll(/pid=(\d+)/g)].map((m) => Number(m[1])).find((pid) => pids.has(pid))
    const bytes = /bytes_received:(\d+)/.exec(record)
    if (owner === undefined || fields.length < 4) continue
    sockets.push({ key: `${fields[2]}->${fields[3]}`, pid: owner, bytesReceived: bytes ? Number(bytes[1]) : 0 })
  }
  return sockets
}

/** Every process on the machine, so descendants can be found through their ppid. */
export function allStats(): ProcStat[] {
  const stats: ProcStat[] = []
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    const stat = readStat(Number(name))
    if (stat) stats.push(stat)
  }
  return stats
}

/** The roots (those still alive) and all their descendants. */
export function treeOf(roots: number[], stats: ProcStat[] = allStats()): ProcStat[] {
  const children = new Map<number, ProcStat[]>()
  const byPid = new Map<number, ProcStat>()
  for (const s of stats) {
    byPid.set(s.pid, s)
    const list = children.get(s.ppid) ?? []
    list.push(s)
    children.set(s.ppid, list)
  }
  const seen = new Set<number>()
  const queue = roots.filter((pid) => byPid.has(pid))
  const tree: ProcStat[] = []
  while (queue.length > 0) {
    const pid = queue.shift()!
    if (seen.has(pid)) continue
    seen.add(pid)
    tree.push(byPid.get(pid)!)
    for (const child of children.get(pid) ?? []) queue.push(child.pid)
  }
  return tree
}

interface Tracked {
  pid: number
  comm: string
  startTime: number
  /** Ticks when the measuring window opened; 0 for a process born inside the window. */
  windowStartTicks: number | null
  lastTicks: number
  windowStartChildTicks: number
  lastChildTicks: number
  lastRssKb: number
  /** Last seen I/O counters: they vanish with the process, so the last sample is all we keep. */
  rchar: number
  wchar: number
  /** Last seen bytes_received per TCP connection of this process (closed ones keep their last value). */
  tcp: Map<string, number>
}

export interface GroupStats {
  /** Percent of one core over the window. */
  cpuPercent: number
  rssMeanMiB: number
  rssPeakMiB: number
  /** Mean summed RssAnon over the window: memory that is the processes' own, not shared code. */
  anonMeanMiB: number
  processes: number
  rchar: number
  wchar: number
  /** TCP bytes received (only when the sampler was asked to read sockets). */
  tcpReceived: number
}

/** byComm key for CPU of children that started and exited between two samples (an ffprobe, say). */
export const BETWEEN_SAMPLES = '(between samples)'

export interface TreeStats extends GroupStats {
  windowSeconds: number
  samples: number
  /** Peak summed RSS over the whole run, startup included (the window figures skip it). */
  rssPeakAllMiB: number
  /** The same figures split by process name (node, ffmpeg, ffprobe, ..., BETWEEN_SAMPLES). */
  byComm: Record<string, GroupStats>
  /** Pids seen, for reaping anything left behind after the run. */
  seen: { pid: number; startTime: number; comm: string }[]
}

interface Sample {
  atMs: number
  inWindow: boolean
  rssKbByComm: Map<string, number>
  anonKbByComm: Map<string, number>
}

const MiB = 1024

/**
 * Samples a process tree every `intervalMs`: start() at launch, mark() when the measuring window
 * opens (after startup), stop() at its end. CPU = delta ticks over the window; RSS = mean and peak
 * of the tree's summed VmRSS.
 */
export class TreeSampler {
  private readonly tracked = new Map<string, Tracked>()
  private readonly samples: Sample[] = []
  private timer: NodeJS.Timeout | null = null
  private windowStartMs: number | null = null
  /** Processes present in the latest sample. */
  private present = new Set<string>()
  private windowEndMs: number | null = null

  /** `tcp`: also read TCP byte counters (runs `ss` once per sample). */
  constructor(private readonly roots: () => number[], private readonly options: { intervalMs?: number; tcp?: boolean } = {}) {}

  start(): void {
    this.sample()
    this.timer = setInterval(() => this.sample(), this.options.intervalMs ?? 1000)
  }

  /** Opens the measuring window: CPU counts from here, RSS mean from here. */
  mark(): void {
    this.sample()
    this.windowStartMs = performance.now()
    for (const key of this.present) {
      const t = this.tracked.get(key)!
      t.windowStartTicks = t.lastTicks
      t.windowStartChildTicks = t.lastChildTicks
    }
  }

  /** Takes a last sample, stops sampling and sums up. Call before the processes are asked to exit. */
  stop(): TreeStats {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    if (this.windowStartMs === null) this.mark()
    this.sample()
    this.windowEndMs = performance.now()
    return this.summary()
  }

  private sample(): void {
    const inWindow = this.windowStartMs !== null
    const rssKbByComm = new Map<string, number>()
    const anonKbByComm = new Map<string, number>()
    const tree = treeOf(this.roots())
    this.present = new Set(tree.map((stat) => `${stat.pid}:${stat.startTime}`))
    const sockets = this.options.tcp ? tcpReceived(new Set(tree.map((s) => s.pid))) : []
    for (const stat of tree) {
      const key = `${stat.pid}:${stat.startTime}`
      let t = this.tracked.get(key)
      if (!t) {
        t = { pid: stat.pid, comm: stat.comm, startTime: stat.startTime, windowStartTicks: inWindow ? 0 : null, lastTicks: 0, windowStartChildTicks: 0, lastChildTicks: 0, lastRssKb: 0, rchar: 0, wchar: 0, tcp: new Map() }
        this.tracked.set(key, t)
      }
      t.lastTicks = stat.ticks
      t.lastChildTicks = stat.childTicks
      const rss = readRssKb(stat.pid)
      t.lastRssKb = rss.rss
      const io = readIo(stat.pid)
      if (io) {
        t.rchar = io.rchar
        t.wchar = io.wchar
      }
      for (const socket of sockets) if (socket.pid === stat.pid) t.tcp.set(socket.key, socket.bytesReceived)
      rssKbByComm.set(t.comm, (rssKbByComm.get(t.comm) ?? 0) + t.lastRssKb)
      anonKbByComm.set(t.comm, (anonKbByComm.get(t.comm) ?? 0) + rss.anon)
    }
    this.samples.push({ atMs: performance.now(), inWindow, rssKbByComm, anonKbByComm })
  }

  private summary(): TreeStats {
    const windowSeconds = ((this.windowEndMs ?? 0) - (this.windowStartMs ?? 0)) / 1000
    const comms = new Set([...this.tracked.values()].map((t) => t.comm))
    const byComm: Record<string, GroupStats> = {}
    for (const comm of comms) byComm[comm] = this.group(windowSeconds, (c) => c === comm)
    const all = this.group(windowSeconds, () => true)
    const between = this.betweenSamplesTicks()
    const betweenPercent = windowSeconds > 0 ? (between / CLK_TCK / windowSeconds) * 100 : 0
    if (between > 0) byComm[BETWEEN_SAMPLES] = { cpuPercent: betweenPercent, rssMeanMiB: 0, rssPeakMiB: 0, anonMeanMiB: 0, processes: 0, rchar: 0, wchar: 0, tcpReceived: 0 }
    all.cpuPercent += betweenPercent
    const totals = this.samples.map((s) => sumOf(s.rssKbByComm, () => true))
    return {
      ...all,
      windowSeconds,
      samples: this.samples.filter((s) => s.inWindow).length,
      rssPeakAllMiB: Math.max(0, ...totals) / MiB,
      byComm,
      seen: [...this.tracked.values()].map(({ pid, startTime, comm }) => ({ pid, startTime, comm }))
    }
  }

  /**
   * CPU that sampling missed: children that exited between two samples, and the last moments of
   * those it did see. A parent's cutime+cstime grows by a child's whole lifetime (its own children
   * included) when it reaps it; take off what those children had already used before the window
   * and what the samples counted.
   */
  private betweenSamplesTicks(): number {
    let reaped = 0
    let counted = 0
    for (const [key, t] of this.tracked) {
      if (t.windowStartTicks === null) continue // gone before the window opened
      if (this.present.has(key)) reaped += t.lastChildTicks - t.windowStartChildTicks
      else counted += t.lastTicks + t.windowStartChildTicks
    }
    // Rounding of the tick counters can leave a tick or two below zero.
    return Math.max(0, reaped - counted)
  }

  private group(windowSeconds: number, match: (comm: string) => boolean): GroupStats {
    const members = [...this.tracked.values()].filter((t) => match(t.comm))
    // A process that exited before the window opened never got a window start: it spent nothing in it.
    const ticks = members.reduce((sum, t) => sum + (t.windowStartTicks === null ? 0 : t.lastTicks - t.windowStartTicks), 0)
    const window = this.samples.filter((s) => s.inWindow)
    const rss = window.map((s) => sumOf(s.rssKbByComm, match))
    const anon = window.map((s) => sumOf(s.anonKbByComm, match))
    return {
      cpuPercent: windowSeconds > 0 ? (ticks / CLK_TCK / windowSeconds) * 100 : 0,
      rssMeanMiB: rss.length ? rss.reduce((a, b) => a + b, 0) / rss.length / MiB : 0,
      rssPeakMiB: Math.max(0, ...rss) / MiB,
      anonMeanMiB: anon.length ? anon.reduce((a, b) => a + b, 0) / anon.length / MiB : 0,
      processes: members.length,
      rchar: members.reduce((sum, t) => sum + t.rchar, 0),
      wchar: members.reduce((sum, t) => sum + t.wchar, 0),
      tcpReceived: members.reduce((sum, t) => sum + [...t.tcp.values()].reduce((a, b) => a + b, 0), 0)
    }
  }
}

function sumOf(byComm: Map<string, number>, match: (comm: string) => boolean): number {
  let sum = 0
  for (const [comm, kb] of byComm) if (match(comm)) sum += kb
  return sum
}

/** Whether pid still names the process we saw (and not a newer one that reused the number). */
export function stillAlive(pid: number, startTime: number): boolean {
  return readStat(pid)?.startTime === startTime
}
