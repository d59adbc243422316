import { describe, expect, it } from 'vitest';
import { saveAccount, listAccounts } from '../../electron/core/accounts/registry.ts';
import { openMemoryDatabase } from '../../electron/core/store/database.ts';
import { withoutBidiControls } from '../../shared/text/bidi.ts';

describe('bidirectional control characters', () => {
  it('are removed from text, other characters kept', () => {
    expect(withoutBidiControls('evil\u202Egnp.exe')).toBe('evilgnp.exe');
    expect(withoutBidiControls('\u2066שלום\u2069 abc')).toBe('שלום abc');
  });

  it('never reach a stored account name', () => {
    const db = openMemoryDatabase();
    saveAccount(db, { id: 'a', network: 'bluesky', server: 's', handle: 'x\u202E.test', displayName: 'Ann\u202Egnp.exe', avatarUrl: null });
    expect(listAccounts(db)[0]).toMatchObject({ handle: 'x.test', displayName: 'Anngnp.exe' });
  });
});
