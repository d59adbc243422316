/** What the renderer build reports of its chunks (see vite.config.ts). */
export interface ChunkReport {
  file: string;
  isEntry: boolean;
  modules: string[];
}

const networkLibrary = /node_modules\/(masto|@atproto\/[^/]+)\//;

/** Modules of a network library (masto, @atproto/*) that ended up in the renderer bundle. */
export const networkModulesIn = (chunks: ChunkReport[]): string[] =>
  chunks.flatMap((chunk) => chunk.modules).filter((id) => networkLibrary.test(id));
