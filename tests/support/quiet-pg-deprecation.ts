// One known warning, silenced where the local Bluesky network runs (bluesky-network.ts): in
// Vitest's main process (globalSetup) and in Playwright's test workers.
//
// `(node) DeprecationWarning: Calling client.query() when the client is already executing a
// query is deprecated and will be removed in pg@9.0` comes from code we cannot change:
// `node --trace-deprecation` shows @atproto/bsync's BsyncService.setupAppEvents (started by
// @atproto/dev-env's TestNetwork.create) sending three LISTEN queries on one pg client without
// awaiting them (node_modules/@atproto/bsync/dist/index.js). pg 8 still queues and runs them; the
// notice says only that pg 9 will not. It says nothing about Braid's code and repeats in every
// run, so it would teach us to skip over warnings.
//
// pg raises it with util.deprecate() and no deprecation code, so neither --no-deprecation nor
// --disable-warning=DEP… can single it out (both would hide every other deprecation too). This
// filter drops only a DeprecationWarning whose message starts with exactly that text; every other
// warning, deprecations included, reaches process.emitWarning as before. When dev-env moves to a
// pg that refuses the queued queries, the network fails to start: nothing is hidden for good.
const pgQueryQueueNotice = 'Calling client.query() when the client is already executing a query is deprecated';

let installed = false;

function isPgQueryQueueNotice(warning: string | Error, typeOrOptions: unknown): boolean {
  const message = typeof warning === 'string' ? warning : warning.message;
  const type =
    typeof typeOrOptions === 'string'
      ? typeOrOptions
      : typeof typeOrOptions === 'object' && typeOrOptions !== null && 'type' in typeOrOptions
        ? (typeOrOptions as { type?: unknown }).type
        : typeof warning === 'string'
          ? 'Warning'
          : warning.name;
  return type === 'DeprecationWarning' && message.startsWith(pgQueryQueueNotice);
}

/** Drops pg's "client.query() while already executing a query" deprecation in this process, only it. Idempotent. */
export function quietPgQueryQueueDeprecation(): void {
  if (installed) return;
  installed = true;
  const emitWarning = process.emitWarning;
  const filtered = function (this: NodeJS.Process, warning: string | Error, ...rest: unknown[]): void {
    if (isPgQueryQueueNotice(warning, rest[0])) return;
    (emitWarning as (this: NodeJS.Process, warning: string | Error, ...rest: unknown[]) => void).call(this, warning, ...rest);
  };
  process.emitWarning = filtered;
}
