import type { z } from 'zod';
import {
  inboxAlertsSchema,
  languagePreferenceSchema,
  readingPositionSchema,
  themePreferenceSchema,
  type InboxAlerts,
  type LanguagePreference,
  type ReadingPosition,
  type ThemePreference,
} from '../../shared/contract.ts';
import type { Database } from './store/database.ts';

/** A choice kept in the settings table, or `fallback` when none (or one no longer valid) is kept. */
function readChoice<T extends string>(db: Database, key: string, schema: z.ZodType<T>, fallback: T): T {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  const parsed = schema.safeParse(row?.value);
  return parsed.success ? parsed.data : fallback;
}

function writeChoice(db: Database, key: string, value: string): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

export const readTheme = (db: Database): ThemePreference => readChoice(db, 'theme', themePreferenceSchema, 'system');
export const writeTheme = (db: Database, theme: ThemePreference): void => writeChoice(db, 'theme', theme);
export const readLanguage = (db: Database): LanguagePreference => readChoice(db, 'language', languagePreferenceSchema, 'system');
export const writeLanguage = (db: Database, language: LanguagePreference): void => writeChoice(db, 'language', language);

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
