// The deadline of a streamed answer (a blob copied between registries). The request up to its
// headers gets the timeout as every request does; the body then gets it per read, however long
// the whole takes, so a large blob on a slow link goes on while bytes arrive and fails once
// none have come for that long. Time the reader spends elsewhere (uploading the previous
// chunk) does not count: the countdown runs only while a read waits.
export class IdleDeadline {
  private readonly controller = new AbortController()
  private timer: ReturnType<typeof setTimeout> | undefined

  constructor(private readonly ms: number) {
    this.arm()
  }

  /** For fetch: aborted when a countdown runs out. */
  get signal(): AbortSignal {
    return this.controller.signal
  }

  /** Stops the countdown (the headers came, or a read returned). */
  disarm(): void {
    if (this.timer !== undefined) clearTimeout(this.timer)
    this.timer = undefined
  }

  /** The body, each read under a fresh countdown; a read the countdown cut fails with `idle(cause)`. */
  watch(body: ReadableStream<Uint8Array>, idle: (cause: unknown) => Error): ReadableStream<Uint8Array> {
    const reader = body.getReader()
    return new ReadableStream<Uint8Array>(
      {
        pull: async controller => {
          this.arm()
          try {
            const { done, value } = await reader.read()
            if (done) controller.close()
            else controller.enqueue(value)
          } catch (error) {
            throw this.signal.aborted ? idle(error) : error
          } finally {
            this.disarm()
          }
        },
        cancel: async reason => {
          this.disarm()
          await reader.cancel(reason)
        }
      },
      // Pulled only when the reader asks: no read ahead whose wait would count against it.
      { highWaterMark: 0 }
    )
  }

  private arm(): void {
    this.disarm()
    this.timer = setTimeout(() => this.controller.abort(new DOMException(`nothing for ${this.ms}ms`, 'TimeoutError')), this.ms)
  }
}
