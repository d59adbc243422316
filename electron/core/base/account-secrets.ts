/**
 * An account's secrets as one encrypted entry of the SecretStore, typed by the schema of the
 * network that owns the account (networks/<id>/credentials.ts): validated, never logged.
 */
import type { z } from 'zod';
import type { SecretStore } from '../secrets/secret-store.ts';

const keyOf = (accountId: string) => `account:${accountId}`;

export interface AccountSecrets<T> {
  /** null: nothing stored, or stored but unreadable (another key, damaged, another network's): sign in again. */
  read(accountId: string): T | null;
  write(accountId: string, credentials: T): void;
  delete(accountId: string): void;
}

export function accountSecrets<S extends z.ZodType>(secrets: SecretStore, schema: S): AccountSecrets<z.output<S>> {
  return {
    read(accountId) {
      const read = secrets.read(keyOf(accountId));
      if (!read.ok || read.value === null) return null;
      try {
        const parsed = schema.safeParse(JSON.parse(read.value));
        return parsed.success ? parsed.data : null;
      } catch {
        return null;
      }
    },
    write: (accountId, credentials) => secrets.write(keyOf(accountId), JSON.stringify(credentials)),
    delete: (accountId) => secrets.delete(keyOf(accountId)),
  };
}
