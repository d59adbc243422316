import { inboxAlertsSchema, readingPositionSchema, type InboxAlerts, themePreferenceSchema, type ReadingPosition, type ThemePreference } from '../../shared/contract.ts';
import type { Database } from './store/database.ts';

export function readTheme(db: Database): ThemePreference {
  const row = db.prepare("SELECT value FROM settings WHERE key = 'theme'").get() as { value: string } | undefined;
  const parsed = themePreferenceSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : 'system';
}

export function writeTheme(db: Database, theme: ThemePreference): void {
  db.prepare(
    "INSERT INTO settings (key, value) VALUES ('theme', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
  ).run(theme);
}

/** Whether the user agreed to keep secrets without a keyring (Electron on Linux without one). */
export function readWeakSecretsConsent(db: Database): boolean {
  const row = db.prepare("SELECT value FROM settings WHERE key = 'weak_secrets_consent'").get() as { value: string } | undefined;
  return row?.value === 'yes';
}

export function writeWeakSecretsConsent(db: Database): void {
  db.prepare("INSERT INTO settings (key, value) VALUES ('weak_secrets_consent', 'yes') ON CONFLICT (key) DO NOTHING").run();
}

/** Where the user was reading in the home timeline; anything stored that does not read as one is no position. */
export function readReadingPosition(db: Database): ReadingPosition | null {
  const row = db.prepare("SELECT value FROM settings WHERE key = 'reading_position'").get() as { value: string } | undefined;
  if (!row) return null;
  try {
    return readingPositionSchema.safeParse(JSON.parse(row.value)).data ?? null;
  } catch {
    return null;
  }
}

export function writeReadingPosition(db: Database, position: ReadingPosition): void {
  db.prepare(
    "INSERT INTO settings (key, value) VALUES ('reading_position', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
  ).run(JSON.stringify(readingPositionSchema.parse(position)));
}

/** Which kinds of notification may show on the desktop: all of them until the user says otherwise. */
export function readInboxAlerts(db: Database): InboxAlerts {
  const row = db.prepare("SELECT value FROM settings WHERE key = 'inbox_alerts'").get() as { value: string } | undefined;
  const all = { mention: true, reply: true, quote: true, follow: true };
  try {
    return row ? (inboxAlertsSchema.safeParse(JSON.parse(row.value)).data ?? all) : all;
  } catch {
    return all;
  }
}

export function writeInboxAlerts(db: Database, alerts: InboxAlerts): void {
  db.prepare(
    "INSERT INTO settings (key, value) VALUES ('inbox_alerts', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
  ).run(JSON.stringify(inboxAlertsSchema.parse(alerts)));
}
