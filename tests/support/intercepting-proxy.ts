/**
 * A reverse proxy on 127.0.0.1 in front of a test server, for the outbox's crash and fault tests:
 * each request can pass, be answered by the proxy (a 429, a 500), hang, have its connection
 * reset before it reaches the server, or reach the server and lose its answer on the way back.
 * `rewrite` replaces text in every answer (the Bluesky PDS's own URL in DID documents and
 * sessions, so that a client keeps talking through the proxy).
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault =
  | { kind: 'pass' }
  /** Passes after a pause, as a distant server would answer. */
  | { kind: 'delay'; ms: number }
  | { kind: 'answer'; status: number; headers?: Record<string, string>; body: string }
  | { kind: 'hang' }
  | { kind: 'reset' }
  /** The server gets and handles the request; the client never gets the answer. */
  | { kind: 'lose_answer' };

export interface ProxiedRequest {
  method: string;
  path: string;
}

export interface InterceptingProxy {
  url: string;
  /** Called once the request has been forwarded in full (the server has it), before its answer. */
  onForwarded: ((request: ProxiedRequest) => void) | null;
  close(): Promise<void>;
}

export async function startInterceptingProxy(
  target: string,
  decide: (request: ProxiedRequest) => Fault = () => ({ kind: 'pass' }),
  rewrite?: () => [from: string, to: string][],
): Promise<InterceptingProxy> {
  const upstream = new URL(target);
  const hanging = new Set<ServerResponse>();

  const handle = (req: IncomingMessage, res: ServerResponse, proxy: InterceptingProxy) => {
    const request = { method: req.method ?? 'GET', path: req.url ?? '/' };
    const fault = decide(request);
    if (fault.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault.kind === 'hang') {
      hanging.add(res);
      req.resume();
      return;
    }
    if (fault.kind === 'answer') {
      req.resume();
      res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
      res.end(fault.body);
      return;
    }
    if (fault.kind === 'delay') req.pause();
    const headers = { ...req.headers, host: upstream.host };
    delete headers['accept-encoding']; // uncompressed answers, so that `rewrite` can read them
    const out = httpRequest({ host: upstream.hostname, port: upstream.port, method: request.method, path: request.path, headers }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => {
        if (fault.kind === 'lose_answer') {
          req.socket.destroy();
          return;
        }
        let body = Buffer.concat(chunks);
        const pairs = rewrite?.() ?? [];
        const type = String(answer.headers['content-type'] ?? '');
        if (pairs.length && (type.includes('json') || type.includes('text'))) {
          let text = body.toString('utf8');
          for (const [from, to] of pairs) text = text.split(from).join(to);
          body = Buffer.from(text, 'utf8');
        }
        const headers = { ...answer.headers, 'content-length': String(body.length) };
        delete headers['transfer-encoding'];
        delete headers.connection;
        res.writeHead(answer.statusCode ?? 502, headers);
        res.end(body);
      });
    });
    out.on('error', () => req.socket.destroy());
    const forward = () => req.pipe(out);
    if (fault.kind === 'delay') setTimeout(forward, fault.ms);
    else forward();
    req.on('end', () => proxy.onForwarded?.(request));
  };

  const proxy: InterceptingProxy = { url: '', onForwarded: null, close: async () => {} };
  const server = createServer((req, res) => handle(req, res, proxy));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () =>
    new Promise<void>((resolve) => {
      for (const res of hanging) res.socket?.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return proxy;
}
