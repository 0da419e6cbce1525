// A real HTTP proxy on a loopback port between the hall and central, for tests of the link:
// forwards every request to `target` (set once central is up), or — per request — drops it
// (`drop(req)` true: the connection is destroyed before anything is forwarded, as a network cut
// would; a status number: answered with it, as a refusing server would). `down = true` drops everything and cuts the connections open now (long-polls too).
// Contract: listen() resolves once it listens; close() ends it and every connection.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface HttpProxy {
  url: string;
  /** Base URL requests are forwarded to. */
  target: string;
  /** Drop everything (and cut open connections) while true. */
  down: boolean;
  /** Drop one request when it answers true (checked before forwarding); a number answers that status instead, as a refusing server would. */
  drop: (req: http.IncomingMessage) => boolean | number;
  /** How many requests were dropped. */
  dropped: number;
  cut(): void;
  close(): Promise<void>;
}

export async function startHttpProxy(): Promise<HttpProxy> {
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    const verdict = p.down || p.drop(req);
    if (typeof verdict === 'number') {
      p.dropped++;
      req.resume();
      res.writeHead(verdict, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'refused_by_proxy', message: `the test proxy answers ${verdict}` } }));
      return;
    }
    if (verdict) {
      p.dropped++;
      req.socket.destroy();
      return;
    }
    const upstream = http.request(new URL(req.url ?? '/', p.target), { method: req.method, headers: req.headers, agent: false }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => req.socket.destroy());
    req.pipe(upstream);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const p: HttpProxy = {
    url: `http://127.0.0.1:${port}`,
    target: '',
    dropped: 0,
    drop: () => false,
    get down() {
      return down;
    },
    set down(v: boolean) {
      down = v;
      if (v) p.cut();
    },
    cut() {
      for (const s of sockets) s.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        p.cut();
        server.close(() => resolve());
      }),
  };
  let down = false;
  return p;
}
