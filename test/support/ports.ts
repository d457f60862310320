// A TCP port free right now, for servers that need a fixed port (a webhook port, node-rtsp-stream). Another
// process could take it before it is used; on a test machine that is rare enough.
import { createServer } from 'node:net'

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}
