/**
 * node:sqlite (Node >= 22.13, and Electron >= 37) needs no native module rebuilt per runtime.
 * Loading it prints an ExperimentalWarning; we drop that one warning and let every other through.
 * getBuiltinModule (not `import`) so the filter is in place before the module loads.
 */
type Sqlite = typeof import('node:sqlite');

const emitWarning = process.emitWarning;
process.emitWarning = function (this: NodeJS.Process, warning: string | Error, ...rest: unknown[]) {
  const text = typeof warning === 'string' ? warning : warning.message;
  if (/SQLite is an experimental feature/.test(text)) return;
  return (emitWarning as (...args: unknown[]) => void).call(this, warning, ...rest);
} as typeof process.emitWarning;

const sqlite = process.getBuiltinModule('node:sqlite') as Sqlite;
process.emitWarning = emitWarning;

export const { DatabaseSync } = sqlite;
export type Database = InstanceType<typeof sqlite.DatabaseSync>;
