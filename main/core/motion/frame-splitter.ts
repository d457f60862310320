// ffmpeg writes raw frames to a pipe in chunks of any size; the detector wants whole frames.

/**
 * Cuts a byte stream into frames of frameBytes. Whole frames inside a chunk are handed on as views of it
 * (no copy); a frame split across chunks is assembled in one reused buffer. Either way a frame is only
 * valid during the onFrame call: copy it to keep it.
 */
export class FrameSplitter {
  private readonly partial: Uint8Array
  private filled = 0

  constructor(
    readonly frameBytes: number,
    private readonly onFrame: (frame: Uint8Array) => void
  ) {
    if (!(frameBytes > 0)) throw new RangeError(`frame size must be positive, got ${frameBytes}`)
    this.partial = new Uint8Array(frameBytes)
  }

  push(chunk: Uint8Array): void {
    let offset = 0
    if (this.filled > 0) {
      const take = Math.min(this.frameBytes - this.filled, chunk.length)
      this.partial.set(chunk.subarray(0, take), this.filled)
      this.filled += take
      offset = take
      if (this.filled < this.frameBytes) return
      this.filled = 0
      this.onFrame(this.partial)
    }
    while (chunk.length - offset >= this.frameBytes) {
      this.onFrame(chunk.subarray(offset, offset + this.frameBytes))
      offset += this.frameBytes
    }
    if (offset < chunk.length) {
      this.partial.set(chunk.subarray(offset), 0)
      this.filled = chunk.length - offset
    }
  }

  /** Drops a partly received frame (the producer restarted). */
  reset(): void {
    this.filled = 0
  }
}
