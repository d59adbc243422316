import { fileChunkBytes } from '../../../shared/contract.ts';
import { call } from '../api.ts';

const base64Of = (blob: Blob) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const dataUrl = reader.result as string;
      resolve(dataUrl.slice(dataUrl.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(blob);
  });

/**
 * Hands a chosen file to the core a chunk at a time (never whole in memory, whatever its size);
 * answers the id the core knows it by. `onProgress`: bytes handed over so far.
 */
export async function handOver(file: File, onProgress?: (sent: number) => void, signal?: AbortSignal): Promise<string> {
  const { fileId } = await call('files.begin', { name: file.name, size: file.size });
  try {
    for (let offset = 0; offset < file.size; offset += fileChunkBytes) {
      signal?.throwIfAborted();
      const dataBase64 = await base64Of(file.slice(offset, offset + fileChunkBytes));
      const { received } = await call('files.append', { fileId, offset, dataBase64 });
      onProgress?.(received);
    }
    return fileId;
  } catch (error) {
    void call('files.discard', { fileId }).catch(() => undefined);
    throw error;
  }
}
