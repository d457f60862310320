// How every ffmpeg and ffprobe of Vigil reads a camera: RTSP interleaved over TCP (no UDP ports to open, no
// packets lost on Wi-Fi) with a socket timeout, so a camera that goes silent ends the process instead of
// hanging it (FACTS: without -timeout a SIGSTOPped server hangs ffmpeg forever).
export const DEFAULT_SOCKET_TIMEOUT_MS = 5000

/** The options that go before `-i <rtsp url>`. */
export function rtspInputArgs(socketTimeoutMs: number = DEFAULT_SOCKET_TIMEOUT_MS): string[] {
  return ['-rtsp_transport', 'tcp', '-timeout', String(socketTimeoutMs * 1000)]
}
