// A forward proxy that refuses everything: it answers each CONNECT (and each plain proxied
// request) with one status, 403 by default, and records the targets asked for. Tests use it
// to show that a refusing proxy gives an error naming the proxy, and that NO_PROXY hosts
// never reach it.
import http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

export interface RefusingProxy {
  /** http://127.0.0.1:<port> */
  url: string
  port: number
  /** host:port of each CONNECT, or the absolute URL of each plain request, in arrival order. */
  targets: string[]
  close(): Promise<void>
}

export async function startRefusingProxy(status = 403): Promise<RefusingProxy> {
  const targets: string[] = []
  const sockets = new Set<Socket>()
  const reason = http.STATUS_CODES[status] ?? 'Refused'
  const server = http.createServer((req, res) => {
    targets.push(req.url ?? '')
    res.writeHead(status, { 'Content-Type': 'text/plain', Connection: 'close' }).end(`${reason}\n`)
  })
  server.on('connect', (req: http.IncomingMessage, socket: Socket) => {
    targets.push(req.url ?? '')
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`)
  })
  server.on('connection', socket => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    targets,
    close: () =>
      new Promise<void>(resolve => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      })
  }
}
