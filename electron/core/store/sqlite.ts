/**
 * node:sqlite (Node >= 22.13, and Electron >= 37) needs no native module rebuilt per runtime.
 * Loading it prints an ExperimentalWarning; we drop that one warning and let every other through.
 * getBuiltinModule (not `import`) so that the filter is in place before the module loads.
 */
import type * as Sqlite from 'node:sqlite';

const emitWarning = process.emitWarning.bind(process);
process.emitWarning = (warning: string | Error, ...rest: unknown[]) => {
  const text = typeof warning === 'string' ? warning : warning.message;
  if (text.includes('SQLite is an experimental feature')) return;
  emitWarning(warning, ...(rest as []));
};
const sqlite: typeof Sqlite = process.getBuiltinModule('node:sqlite');
process.emitWarning = emitWarning;

export const { DatabaseSync } = sqlite;
export type Database = Sqlite.DatabaseSync;
