import { readFileSync } from 'node:fs';
import type { AppInfo } from '../../shared/contract.ts';
import { createDispatcher, type Dispatch, type Logger } from './dispatch.ts';
import { createEventHub, type EventHub } from './events.ts';
import { createHandlers } from './services.ts';
import { openDatabase, type Database } from './store/database.ts';

export interface Core {
  dispatch: Dispatch;
  events: EventHub;
  close(): void;
}

export interface CoreOptions {
  dataDir: string;
  host: AppInfo['host'];
  log?: Logger;
  /** For tests: an already opened database instead of the one in dataDir. */
  db?: Database;
}

const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

/** Everything a host needs: one dispatcher for calls, one hub for events, one close. */
export function createCore({ dataDir, host, log, db = openDatabase(dataDir) }: CoreOptions): Core {
  const events = createEventHub();
  const handlers = createHandlers({ db, events, host, version: packageJson.version });
  return {
    dispatch: createDispatcher(handlers, log),
    events,
    close: () => db.close(),
  };
}
