// Ports for test servers that must be told their port before they start (PostgreSQL, the PLC,
// PDS and AppView of the local Bluesky network). A port from listen(0) comes from the kernel's
// ephemeral range, the same range every outgoing connection takes its local port from: between
// the check and the server's bind, a database client could take it (CI failed on that once). So
// the port is drawn below that range, where only servers that ask for a port by number live.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

const LOWEST = 10_000;

/** The first port of the kernel's ephemeral range (Linux's default when it cannot be read). */
function ephemeralRangeStart(): number {
  try {
    const start = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(start) ? start : 32_768;
  } catch {
    return 32_768;
  }
}

/** Whether a server could listen on `port` on every interface (as the PDS and AppView do). */
function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

/** A port that was free a moment ago, outside the ephemeral range when there is room below it. */
export async function freePort(): Promise<number> {
  const end = ephemeralRangeStart();
  if (end - LOWEST >= 1_000) {
    for (let attempt = 0; attempt < 50; attempt++) {
      const port = LOWEST + Math.floor(Math.random() * (end - LOWEST));
      if (await canListen(port)) return port;
    }
  }
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, () => {
      const address = server.address();
      server.close(() => (address !== null && typeof address === 'object' ? resolve(address.port) : reject(new Error('could not read the port of a listening socket'))));
    });
  });
}
