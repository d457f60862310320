// The cameras of the live benchmark: the RTSP test server with N mounts of one clip (or one live-encoded
// mount with a burned-in clock), plus one idle keep-alive client per mount.
//
// The test server prepares a shared mount's pipeline when its first client arrives and tears it down when its
// last client leaves, one mount at a time (~2 s each). A real camera answers at once. The keep-alive client
// keeps every pipeline prepared, so start-up and time to first frame are about the viewers, not the server.
import { spawn, type ChildProcess } from 'node:child_process'
import { startRtspServer, type RtspTestServer, type TestStream } from '../../test/support/rtsp'
import { onCleanup, stopChild, tail, track } from './live-procs'

export const FFMPEG = '/usr/bin/ffmpeg'

export interface Source {
  server: RtspTestServer
  /** Camera name (also the mount path without '/') and its RTSP URL. */
  cameras: { name: string; url: string }[]
  /** Server, feeders and keep-alive clients: how busy the source made the machine. */
  pids: () => number[]
  close: () => Promise<void>
}

function startKeepAlive(url: string): Promise<ChildProcess> {
  const args = ['-nostdin', '-hide_banner', '-nostats', '-loglevel', 'info', '-rtsp_transport', 'tcp', '-i', url, '-map', '0', '-c', 'copy', '-f', 'null', '-']
  const child = track(spawn(FFMPEG, args, { stdio: ['ignore', 'ignore', 'pipe'] }))
  const output = tail(child)
  return new Promise((resolve, reject) => {
    // "Stream mapping" comes once the input is open: the mount is prepared and playing.
    const onData = () => output().includes('Stream mapping') && done(() => resolve(child))
    const timer = setTimeout(() => done(() => reject(new Error(`keep-alive client for ${url} did not connect:\n${output()}`))), 60_000)
    const onExit = () => done(() => reject(new Error(`keep-alive client for ${url} exited:\n${output()}`)))
    const done = (then: () => void) => {
      clearTimeout(timer)
      child.stderr?.off('data', onData)
      child.off('exit', onExit)
      then()
    }
    child.stderr?.on('data', onData)
    child.once('exit', onExit)
  })
}

export async function startSource(streams: (TestStream & { name: string })[]): Promise<Source> {
  const server = await startRtspServer({ streams })
  const keepAlive: ChildProcess[] = []
  let forget = () => {}
  const close = async () => {
    forget()
    await Promise.all(keepAlive.map((c) => stopChild(c, 3000)))
    await server.close()
  }
  forget = onCleanup(close)
  try {
    for (const s of streams) keepAlive.push(await startKeepAlive(server.url(s.path)))
  } catch (error) {
    await close()
    throw error
  }
  return {
    server,
    cameras: streams.map((s) => ({ name: s.name, url: server.url(s.path) })),
    pids: () => [...server.pids(), ...keepAlive.map((c) => c.pid!).filter(Boolean)],
    close
  }
}

/** N mounts of one pre-encoded clip (looped with -c copy): cameras cam1..camN. */
export function clipSource(clip: string, n: number): Promise<Source> {
  return startSource(Array.from({ length: n }, (_, i) => ({ name: `cam${i + 1}`, path: `/cam${i + 1}`, clip })))
}
