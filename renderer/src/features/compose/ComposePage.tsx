import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { planDraft, type DraftPlan } from '../../../../shared/compose/plan.ts';
import { groupPreviews } from '../../../../shared/compose/preview-groups.ts';
import type { AccountSummary } from '../../../../shared/domain/account.ts';
import type { Draft } from '../../../../shared/domain/draft.ts';
import { isBlank, newDraft, useDeleteDraft, useDrafts } from '../../state/drafts.ts';
import { useSendDraft } from '../../state/outbox.ts';
import { DraftsList } from './DraftsList.tsx';
import { Editor, type DraftEdit } from './Editor.tsx';
import { OutboxList } from './OutboxList.tsx';
import { QuotePreview } from './QuotePreview.tsx';
import type { ComposeStart } from '../../state/compose.ts';
import { TargetPreview } from './TargetPreview.tsx';
import { useAutosave, type SaveState } from './use-autosave.ts';
import { useWords } from '../../i18n/use-words.ts';
import { Message } from '../../i18n/Message.tsx';
import { useErrorText } from '../../i18n/error-text.ts';
import { ErrorText } from '../../components/ErrorText.tsx';

const onMac = /Mac|iPhone|iPad/.test(navigator.userAgent);

// The draft being written when the user went to another page: it is there again on return.
let lastOpen: { draft: Draft; languageInput: string } | null = null;

/** Write once, see what each account will get, send; then watch each target in the outbox. */
export function ComposePage({ accounts, start = null }: { accounts: AccountSummary[]; start?: ComposeStart | null }) {
  const [draft, setDraft] = useState(() => start?.draft ?? lastOpen?.draft ?? newDraft(accounts));
  const [languageInput, setLanguageInput] = useState(() => (start ? '' : (lastOpen?.languageInput ?? '')));
  // Only what the user changed is saved: opening a draft or starting one saves nothing (a quote begun from a post is a change).
  const touched = useRef(start !== null);
  const autosave = useAutosave();
  const drafts = useDrafts();
  const send = useSendDraft();
  const deleteDraft = useDeleteDraft();
  const words = useWords();
  const { schedule, flush, cancel } = autosave;
  // From the click on Send until it settles the editor is read-only: what is sent is what was on
  // screen, and nothing typed meanwhile is thrown away with the sent draft.
  const [sending, setSending] = useState(false);
  const locked = useRef(false);

  const edit = useCallback((change: DraftEdit) => {
    if (locked.current) return;
    touched.current = true;
    setDraft((current) => ({ ...current, ...(typeof change === 'function' ? change(current) : change), updatedAt: new Date().toISOString() }));
  }, []);

  const listed = drafts.data?.some((d) => d.id === draft.id) ?? false;
  useEffect(() => {
    if (touched.current && (!isBlank(draft) || listed)) schedule(draft);
    lastOpen = { draft, languageInput };
  }, [draft, languageInput, listed, schedule]);

  // The previews follow the text a moment behind fast typing; Send checks the draft as it is.
  const shown = useDeferredValue(draft);
  const plan = useMemo(() => planDraft(shown, accounts), [shown, accounts]);
  // Accounts that would get exactly the same posts share one preview card naming them all.
  const previews = useMemo(() => groupPreviews(plan.targets), [plan]);

  const open = (next: Draft) => {
    void flush();
    touched.current = false;
    send.reset();
    setDraft(next);
    setLanguageInput(next.language ?? '');
  };
  const startNew = () => open(newDraft(accounts));

  const sendNow = async () => {
    if (locked.current || !planDraft(draft, accounts).sendable) return;
    locked.current = true;
    setSending(true);
    const unlock = () => {
      locked.current = false;
      setSending(false);
    };
    // Saved first: if sending is refused, nothing typed is lost.
    await flush();
    send.mutate(draft, {
      onSuccess: () => {
        unlock();
        void cancel();
        open(newDraft(accounts));
      },
      onError: unlock,
    });
  };

  const remove = async (target: Draft) => {
    if (target.id === draft.id) {
      await cancel();
      touched.current = false;
      setDraft(newDraft(accounts));
      setLanguageInput('');
    }
    deleteDraft.mutate(target.id);
  };

  return (
    <div className="compose-container">
      <div className="compose">
        <form
          className="compose-editor"
          aria-labelledby="compose-title"
          onSubmit={(event) => {
            event.preventDefault();
            void sendNow();
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) {
              event.preventDefault();
              void sendNow();
            }
          }}
        >
          <div className="compose-toolbar">
            <h2 id="compose-title" className="section-title">
              {words('compose.title')}
            </h2>
            <SaveStatus state={autosave} draftId={draft.id} />
            <button type="button" className="button button-quiet" onClick={startNew}>
              {words('compose.newDraft')}
            </button>
          </div>
          {draft.quote?.length ? <QuotePreview quote={draft.quote} posts={start?.quoted ?? []} onRemove={() => edit({ quote: [] })} readOnly={sending} /> : null}
          <Editor draft={draft} edit={edit} readOnly={sending} accounts={accounts} plan={plan} languageInput={languageInput} onLanguageInput={setLanguageInput} />
          <SendBar plan={plan} accounts={accounts} draft={draft} sending={sending} error={send.error} />
        </form>

        <section className="compose-preview" aria-labelledby="preview-title">
          <h2 id="preview-title" className="section-title">
            {words('compose.preview.title')}
          </h2>
          {plan.targets.length === 0 ? <p className="muted compose-empty">{words('compose.preview.empty')}</p> : null}
          {previews.map((group) => (
            <TargetPreview key={group.plan.accountId} group={group} accounts={accounts} draft={shown} blank={isBlank(shown)} />
          ))}
        </section>

        <div className="compose-lists">
          <OutboxList accounts={accounts} />
          <DraftsList openId={draft.id} onOpen={open} onDelete={(d) => void remove(d)} deleteError={deleteDraft.error} />
        </div>
      </div>
    </div>
  );
}

function SaveStatus({ state, draftId }: { state: SaveState; draftId: string }) {
  const words = useWords();
  const errorText = useErrorText();
  const text =
    state.draftId !== draftId
      ? ''
      : state.error
        ? words('compose.save.failed', { message: errorText(state.error) })
        : state.saving
          ? words('compose.save.saving')
          : state.savedAt
            ? words('compose.save.saved')
            : '';
  return (
    <span className="save-status" role="status" data-error={state.error ? true : undefined}>
      {text}
    </span>
  );
}

function SendBar({ plan, accounts, draft, sending, error }: { plan: DraftPlan; accounts: AccountSummary[]; draft: Draft; sending: boolean; error: Error | null }) {
  const words = useWords();
  const chosen = accounts.filter((account) => draft.targets.includes(account.id));
  const blank = isBlank(draft);
  const blocked = plan.targets.filter((target) => target.problems.length > 0);
  // The problems come from the plan (shared/compose), as phrases of the catalogues.
  const problem = plan.problems[0];
  const reason = blank
    ? words('compose.send.blank')
    : problem
      ? words(problem.id, problem.values)
      : (blocked.length > 0 ? words('compose.send.blocked', { handles: blocked.map((t) => `@${t.handle}`).join(', ') }) : null);
  const label =
    chosen.length > 1
      ? words(draft.scheduledAt ? 'compose.send.scheduleTo' : 'compose.send.sendTo', { count: chosen.length })
      : words(draft.scheduledAt ? 'compose.send.schedule' : 'compose.send.send');
  return (
    <div className="send-bar">
      <p className="send-as">
        {chosen.length > 0 ? (
          <Message
            id="compose.send.postingAs"
            values={{
              handles: (
                <>
                  {chosen.map((account, i) => (
                    <span key={account.id}>
                      {i > 0 ? ', ' : ''}
                      <bdi className="send-as-handle">@{account.handle}</bdi>
                    </span>
                  ))}
                </>
              ),
            }}
          />
        ) : (
          words('compose.send.nobody')
        )}
      </p>
      {reason ? (
        <p className="send-reason" role={blank ? undefined : 'status'} data-quiet={blank || undefined} data-testid="send-reason">
          {reason}
        </p>
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          <ErrorText error={error} />
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={!plan.sendable || sending} aria-keyshortcuts={onMac ? 'Meta+Enter' : 'Control+Enter'}>
          {sending ? words('compose.send.sending') : label}
        </button>
        <small className="muted">{words('compose.send.shortcut', { mac: onMac ? 'yes' : 'no' })}</small>
      </div>
    </div>
  );
}
