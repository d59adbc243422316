// dev-env's TestNetwork.create starts the PLC, a helper PDS, bsync, the AppView, the PDS and
// ozone one after another, and when one of them fails (a port taken since it was checked free:
// EADDRINUSE, which bluesky-network.ts then retries on other ports) it throws without closing
// the ones already started. Their listening servers, PostgreSQL pools and subscriptions keep the
// process alive: in Vitest's main process (globalSetup) that is "Tests closed successfully but
// something prevents 2 Vite servers from exiting", and ten seconds lost before Vitest gives up.
// Checked: a create() failing at the PDS's port leaves 4 listening servers and their sockets.
//
// So while create() runs, each service's static create() is wrapped to note what it started, and
// on failure those are closed, newest first. The service that failed never returned: its start()
// (PDS, AppView, ozone, bsync) is wrapped too, to destroy what it had set up (its database pools,
// sequencer and timers; checked: without that, a failed PDS start keeps the process alive). Starts
// are serialised in bluesky-network.ts, so no two creates share the wrappers.
import type * as DevEnv from "@atproto/dev-env";

interface Closable {
  close(): Promise<void>;
}

type ServiceClass = { create(config: never): Promise<Closable> };

interface Service {
  start(...args: unknown[]): Promise<unknown>;
  destroy(): Promise<void>;
}

/** The servers inside dev-env's services, each with a start() that may fail after setting things up. */
async function serverPrototypes(): Promise<Service[]> {
  const [pds, bsky, ozone, bsync] = await Promise.all([
    import("@atproto/pds"),
    import("@atproto/bsky"),
    import("@atproto/ozone"),
    import("@atproto/bsync"),
  ]);
  return [
    pds.PDS,
    bsky.BskyAppView,
    ozone.OzoneService,
    bsync.BsyncService,
  ].map((server) => server.prototype as unknown as Service);
}

/** Runs `create`; if it throws, closes every dev-env service it had started, then rethrows. */
export async function closingPartialStart<T>(
  devEnv: typeof DevEnv,
  create: () => Promise<T>,
): Promise<T> {
  const prototypes = await serverPrototypes();
  const starts = prototypes.map((prototype) => prototype.start);
  prototypes.forEach((prototype, index) => {
    const start = starts[index]!;
    prototype.start = async function (this: Service, ...args: unknown[]) {
      try {
        return await start.apply(this, args);
      } catch (error) {
        await this.destroy().catch(() => undefined);
        throw error;
      }
    };
  });
  const started: Closable[] = [];
  const classes = [
    devEnv.TestPlc,
    devEnv.TestPds,
    devEnv.TestBsync,
    devEnv.TestBsky,
    devEnv.TestOzone,
  ] as unknown as ServiceClass[];
  const originals = classes.map((service) => service.create);
  classes.forEach((service, index) => {
    const original = originals[index]!;
    service.create = async (config: never) => {
      const instance = await original.call(service, config);
      started.push(instance);
      return instance;
    };
  });
  try {
    return await create();
  } catch (error) {
    // The helper PDS may be closed already (create closes it once the network is up): ignore that.
    await quietEndedQueries(async () => {
      for (const service of started.reverse())
        await service.close().catch(() => undefined);
    });
    throw error;
  } finally {
    classes.forEach((service, index) => {
      service.create = originals[index]!;
    });
    prototypes.forEach((prototype, index) => {
      prototype.start = starts[index]!;
    });
  }
}

/**
 * Runs `close` with one rejection expected: a background query a service (half-started, or
 * closing with the whole network) still had in flight when its pool was ended fails with pg's
 * "Connection terminated" (the client was ended on purpose, not lost), and nobody awaits it. Every
 * other unhandled rejection reaches the listeners as before; the window stays open a moment after
 * `close` for the rejection to surface.
 */
export async function quietEndedQueries(close: () => Promise<void>): Promise<void> {
  const listeners = process.listeners("unhandledRejection");
  const filter = (reason: unknown, promise: Promise<unknown>) => {
    if (reason instanceof Error && reason.message === "Connection terminated")
      return;
    if (listeners.length === 0)
      queueMicrotask(() => {
        throw reason;
      });
    for (const listener of listeners) listener(reason, promise);
  };
  process.removeAllListeners("unhandledRejection");
  process.on("unhandledRejection", filter);
  try {
    await close();
    await new Promise((resolve) => setTimeout(resolve, 500));
  } finally {
    process.off("unhandledRejection", filter);
    for (const listener of listeners)
      process.on("unhandledRejection", listener);
  }
}
