import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { blankDraft } from '../../../shared/compose/blank-draft.ts';
import type { LinkPreview } from '../../../shared/contract.ts';
import type { AccountSummary } from '../../../shared/domain/account.ts';
import type { Draft, DraftMedia } from '../../../shared/domain/draft.ts';
import { call } from '../api.ts';

export const draftsKey = () => ['drafts'] as const;

/** An empty draft posting to the accounts chosen as the default set. */
export const newDraft = (accounts: readonly AccountSummary[]): Draft =>
  blankDraft(
    crypto.randomUUID(),
    accounts.filter((account) => account.postByDefault).map((account) => account.id),
  );

/** Has the user put anything in it? An untouched draft is not worth keeping. */
export const isBlank = (draft: Draft) =>
  !draft.text.trim() && !draft.contentWarning.trim() && draft.media.length === 0 && !draft.variants.mastodon?.trim() && !draft.variants.bluesky?.trim();

const newestFirst = (a: Draft, b: Draft) => b.updatedAt.localeCompare(a.updatedAt);

/** Puts a saved draft into the shown list (or takes one out) without asking the core again. */
export function putDraft(client: QueryClient, draft: Draft) {
  client.setQueryData<Draft[]>(draftsKey(), (list) => list && [draft, ...list.filter((d) => d.id !== draft.id)].sort(newestFirst));
}

export function dropDraft(client: QueryClient, id: string) {
  client.setQueryData<Draft[]>(draftsKey(), (list) => list?.filter((d) => d.id !== id));
}

/** Drafts not sent yet, newest first. */
export const useDrafts = () => useQuery({ queryKey: draftsKey(), queryFn: () => call('drafts.list') });

export const saveDraft = (draft: Draft) => call('drafts.save', draft);

export function useDeleteDraft() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call('drafts.delete', { id }),
    onSuccess: (_nothing, id) => dropDraft(client, id),
  });
}

/** An image file handed to the core, which keeps the original and answers a thumbnail. */
export async function attachImage(file: File): Promise<DraftMedia> {
  const dataUrl = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error ?? new Error(`${file.name} could not be read.`));
    reader.readAsDataURL(file);
  });
  const dataBase64 = dataUrl.slice(dataUrl.indexOf(',') + 1);
  return call('media.attach', { fileName: file.name, mimeType: file.type || 'application/octet-stream', dataBase64 });
}

/** The card Bluesky will show for a link, fetched once per link by the core. */
export const useLinkPreview = (url: string | null) =>
  useQuery<LinkPreview | null>({
    queryKey: ['link-preview', url],
    queryFn: () => call('compose.linkPreview', { url: url! }),
    enabled: url !== null,
    retry: false,
  });
