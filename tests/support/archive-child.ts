/**
 * A Mastodon archive import in its own process, for the crash test (archive-crash.test.ts): it
 * opens the data folder's database, imports the account's statuses, prints `page <archived>`
 * after each saved page and `done <archived>` at the end. The test kills it (SIGKILL) whenever.
 */
import { importAccount } from '../../electron/core/archive/archive-import.ts';
import { createArchiveSources } from '../../electron/core/archive/archive-sources.ts';
import { createArchiveStore } from '../../electron/core/archive/archive-store.ts';
import { createMastodonArchive } from '../../electron/core/networks/mastodon/archive.ts';
import { openDatabase } from '../../electron/core/store/database.ts';

const [dataDir, origin, accessToken, accountId] = process.argv.slice(2);
if (!dataDir || !origin || !accessToken || !accountId) throw new Error('usage: archive-child.ts DATA_DIR ORIGIN TOKEN ACCOUNT_ID');
const db = openDatabase(dataDir);
const result = await importAccount({
  db,
  store: createArchiveStore(db),
  sources: createArchiveSources(db),
  archive: createMastodonArchive(() => Promise.resolve({ origin, accessToken })),
  accountId,
  network: 'mastodon',
  onProgress: (progress) => process.stdout.write(`page ${progress.archived}\n`),
});
process.stdout.write(`done ${result.archived}\n`);
db.close();
