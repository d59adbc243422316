/**
 * The entry's first module: asks the core what the first screen needs (the app, the language, the
 * accounts, then the cached timeline or the inbox's newest entries) before the rest of the
 * renderer's code is evaluated, so that the core answers meanwhile; the first screen's queries
 * take these answers (main.tsx).
 */
import { askEarly, firstScreenItems } from './state/first-calls.ts';

askEarly('app.info');
askEarly('language.get');
askEarly('accounts.list');
// As screenAt (state/routes.ts) reads the address, without its schemas: the inbox is "inbox" and nothing after it.
const [first, ...rest] = location.hash.slice(1).split('/').filter(Boolean);
if (first === 'inbox' && rest.length === 0) askEarly('inbox.view', { limit: firstScreenItems });
else askEarly('timeline.view', { limit: firstScreenItems });
