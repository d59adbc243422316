/**
 * window.braid for the browser host: the same bridge as Electron's preload, over a WebSocket to
 * the page's own origin. The session cookie (HttpOnly) and the socket token (below) authenticate
 * it. Calls made before the socket opens wait for it; a lost socket fails pending calls
 * with a `network` error and reconnects with backoff.
 */
import { createBridge, type BridgeTransport } from '../../../shared/bridge.ts';
import { socketPath, socketTokenParam, type DownMessage } from '../protocol.ts';

type Pending = { resolve: (result: unknown) => void; reject: (error: Error) => void };

const tokenKey = 'braid-socket-token';

/**
 * The socket token: handed over once in the launch redirect's fragment (never sent to any
 * server, never in the page), kept in this origin's own storage (other ports of 127.0.0.1
 * cannot read it), and dropped from the address bar at once.
 */
function socketToken(): string {
  const handedOver = new URLSearchParams(location.hash.slice(1)).get(socketTokenParam);
  if (handedOver) {
    localStorage.setItem(tokenKey, handedOver);
    history.replaceState(history.state, '', `${location.pathname}${location.search}`);
  }
  return localStorage.getItem(tokenKey) ?? '';
}

function socketTransport(): BridgeTransport {
  const url = new URL(socketPath, location.href);
  url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('token', socketToken());
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const queue: string[] = [];
  let nextId = 1;
  let socket: WebSocket;
  let retryMs = 250;

  const connect = () => {
    socket = new WebSocket(url);
    socket.onopen = () => {
      retryMs = 250;
      for (const message of queue.splice(0)) socket.send(message);
    };
    socket.onmessage = (message) => {
      const data = JSON.parse(String(message.data)) as DownMessage;
      if (data.type === 'result') {
        pending.get(data.id)?.resolve(data.result);
        pending.delete(data.id);
      } else {
        for (const listener of listeners.get(data.event) ?? []) listener(data.payload);
      }
    };
    socket.onclose = () => {
      for (const call of pending.values()) call.reject(new Error('connection lost'));
      pending.clear();
      queue.length = 0; // those calls were just reported as failed: never replay them
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 10_000);
    };
  };
  connect();

  return {
    invoke(channel, request) {
      const id = nextId++;
      const message = JSON.stringify({ type: 'call', id, channel, payload: request });
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        if (socket.readyState === WebSocket.OPEN) socket.send(message);
        else queue.push(message);
      });
    },
    subscribe(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => void set.delete(listener);
    },
  };
}

Object.defineProperty(window, 'braid', { value: Object.freeze(createBridge(socketTransport())), enumerable: true });
