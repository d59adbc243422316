import { ok, type AppInfo, type Handlers } from '../../shared/contract.ts';
import { listAccounts } from './accounts/registry.ts';
import type { EventHub } from './events.ts';
import { readTheme, writeTheme } from './settings.ts';
import type { Database } from './store/database.ts';

export interface CoreDeps {
  db: Database;
  events: EventHub;
  host: AppInfo['host'];
  version: string;
}

/** Composition: the handler of every contract channel, built from the core's services. */
export function createHandlers({ db, events, host, version }: CoreDeps): Handlers {
  return {
    'app.info': async () => ok({ name: 'Braid', version, host, platform: process.platform }),
    'theme.get': async () => ok(readTheme(db)),
    'theme.set': async (theme) => {
      writeTheme(db, theme);
      events.emit('theme.changed', theme);
      return ok(theme);
    },
    'accounts.list': async () => ok(listAccounts(db)),
  };
}
