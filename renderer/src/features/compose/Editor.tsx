import { useId } from 'react';
import { useIntl } from 'react-intl';
import type { DraftPlan } from '../../../../shared/compose/plan.ts';
import type { AccountSummary, Network } from '../../../../shared/domain/account.ts';
import type { Draft, SelfLabel, Visibility } from '../../../../shared/domain/draft.ts';
import { networkName } from '../../components/Avatar.tsx';
import { lackOf, type NetworkFeature } from '../../../../shared/domain/network.ts';
import { useNetworkInfo } from '../../state/networks.ts';
import { MediaEditor, maxImages } from './MediaEditor.tsx';
import { TargetChips } from './TargetChips.tsx';
import { useWords, type Words } from '../../i18n/use-words.ts';
import { Message } from '../../i18n/Message.tsx';
import { fromLocalInput, labelWords, languageTag, timeWords, toLocalInput, visibilities, visibilityWords } from './words.ts';

// Not imported from shared/domain/draft.ts: that module loads zod, which would then join the renderer bundle.
const listedLabels = ['sexual', 'nudity', 'porn', 'graphic-media'] as const satisfies readonly SelfLabel[];
// A SelfLabel missing from the list above makes this a compile error.
const selfLabels: [Exclude<SelfLabel, (typeof listedLabels)[number]>] extends [never] ? readonly SelfLabel[] : never = listedLabels;
const networks: Network[] = ['mastodon', 'bluesky'];

export type DraftEdit = Partial<Draft> | ((draft: Draft) => Partial<Draft>);

interface EditorProps {
  draft: Draft;
  edit: (change: DraftEdit) => void;
  /** While sending: the fields show the draft being sent and take no typing. */
  readOnly: boolean;
  accounts: AccountSummary[];
  plan: DraftPlan;
  /** What the user typed as the language, valid or not yet (the draft holds only a valid tag). */
  languageInput: string;
  onLanguageInput: (value: string) => void;
}

/** Everything about the post itself: text, who it goes to, warning, visibility, images, time. */
export function Editor({ draft, edit, readOnly, accounts, plan, languageInput, onLanguageInput }: EditorProps) {
  const id = useId();
  const words = useWords();
  const { locale } = useIntl();
  const chosen = accounts.filter((account) => draft.targets.includes(account.id));
  const chosenNetworks = networks.filter((network) => chosen.some((account) => account.network === network));
  const infoOf = useNetworkInfo();
  const lacking = (feature: NetworkFeature) => chosenNetworks.flatMap((network) => lackOf(infoOf(network), feature) ?? []);
  const toBluesky = chosenNetworks.includes('bluesky');
  const languageInvalid = languageInput.trim() !== '' && !languageTag.test(languageInput.trim());
  const scheduled = plan.targets.filter((target) => target.schedule);

  return (
    <div className="compose-fields">
      <TargetChips accounts={accounts} targets={draft.targets} onChange={(targets) => edit({ targets })} />

      <div className="field">
        <label htmlFor={`${id}-text`}>{words('compose.text.label')}</label>
        <textarea
          id={`${id}-text`}
          dir="auto"
          className="compose-text"
          rows={7}
          value={draft.text}
          readOnly={readOnly}
          autoFocus
          placeholder={words('compose.text.placeholder')}
          onChange={(event) => edit({ text: event.target.value })}
        />
      </div>

      {/* A network's own text is only offered when the post goes to both. */}
      {networks.map((network) =>
        (chosenNetworks.length === 2 || draft.variants[network] !== undefined) && chosenNetworks.includes(network) ? (
          <Variant key={network} network={network} draft={draft} edit={edit} readOnly={readOnly} />
        ) : null,
      )}

      <MediaEditor
        draftId={draft.id}
        media={draft.media}
        onAdded={(media) => edit((d) => ({ media: [...d.media, media].slice(0, maxImages) }))}
        onAlt={(mediaId, alt) => edit((d) => ({ media: d.media.map((m) => (m.id === mediaId ? { ...m, alt } : m)) }))}
        onRemove={(mediaId) => edit((d) => ({ media: d.media.filter((m) => m.id !== mediaId) }))}
      />

      <div className="field">
        <label htmlFor={`${id}-cw`}>{words('compose.cw.label')}</label>
        <input
          id={`${id}-cw`}
          dir="auto"
          type="text"
          value={draft.contentWarning}
          readOnly={readOnly}
          placeholder={words('compose.cw.placeholder')}
          onChange={(event) => edit({ contentWarning: event.target.value })}
        />
        {lacking('content_warning').map((message) => (
          <small key={message} className="muted">{message}</small>
        ))}
      </div>

      {toBluesky ? (
        <fieldset className="compose-labels">
          <legend>{words('compose.labels.legend')}</legend>
          <p className="compose-hint">{words('compose.labels.hint')}</p>
          <div className="label-options">
            {selfLabels.map((label) => (
              <label key={label} className="check">
                <input
                  type="checkbox"
                  checked={draft.labels.includes(label)}
                  onChange={(event) =>
                    edit((d) => ({ labels: event.target.checked ? selfLabels.filter((l) => l === label || d.labels.includes(l)) : d.labels.filter((l) => l !== label) }))
                  }
                />
                {labelWords(words, label)}
              </label>
            ))}
          </div>
          <p className="compose-mapping" data-testid="label-mapping">
            {blueskyGets(draft, words, locale)}
          </p>
        </fieldset>
      ) : null}

      <div className="compose-options">
        <div className="field">
          <label htmlFor={`${id}-visibility`}>{words('compose.visibility.label')}</label>
          <select id={`${id}-visibility`} value={draft.visibility} onChange={(event) => edit({ visibility: event.target.value as Visibility })}>
            {visibilities.map((visibility) => (
              <option key={visibility} value={visibility}>
                {visibilityWords(words, visibility)}
              </option>
            ))}
          </select>
          {draft.visibility !== 'public'
            ? lacking('visibility').map((message) => (
                <small key={message} className="compose-warning">{message}</small>
              ))
            : null}
        </div>

        <div className="field">
          <label htmlFor={`${id}-language`}>{words('compose.language.label')}</label>
          <input
            id={`${id}-language`}
            type="text"
            value={languageInput}
            readOnly={readOnly}
            placeholder={words('compose.language.placeholder')}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={languageInvalid || undefined}
            aria-describedby={`${id}-language-hint`}
            onChange={(event) => {
              const value = event.target.value;
              onLanguageInput(value);
              edit({ language: languageTag.test(value.trim()) ? value.trim() : null });
            }}
          />
          <small id={`${id}-language-hint`} className={languageInvalid ? 'compose-warning' : 'muted'}>
            {words(languageInvalid ? 'compose.language.invalid' : 'compose.language.hint')}
          </small>
        </div>

        <div className="field">
          <label htmlFor={`${id}-schedule`}>{words('compose.schedule.label')}</label>
          <input
            id={`${id}-schedule`}
            type="datetime-local"
            value={toLocalInput(draft.scheduledAt)}
            readOnly={readOnly}
            onChange={(event) => edit({ scheduledAt: fromLocalInput(event.target.value) })}
          />
          <small className="muted">{draft.scheduledAt ? words('compose.schedule.at', { time: timeWords(draft.scheduledAt, locale) }) : words('compose.schedule.hint')}</small>
        </div>
      </div>

      {scheduled.length > 0 ? (
        <ul className="compose-schedule" aria-label={words('compose.schedule.how')}>
          {scheduled.map((target) => (
            <li key={target.accountId} data-by={target.schedule!.by}>
              <Message id="compose.schedule.target" values={{ handle: target.handle, by: target.schedule!.by, bdi: (chunks) => <bdi>{chunks}</bdi> }} />
            </li>
          ))}
        </ul>
      ) : null}

      <label className="check">
        <input type="checkbox" checked={draft.allowThread} onChange={(event) => edit({ allowThread: event.target.checked })} />
        {words('compose.allowThread')}
      </label>
    </div>
  );
}

function Variant({ network, draft, edit, readOnly }: { network: Network; draft: Draft; edit: (change: DraftEdit) => void; readOnly: boolean }) {
  const id = useId();
  const words = useWords();
  const text = draft.variants[network];
  const name = networkName(network);
  return (
    <div className="compose-variant">
      <label className="check">
        <input
          type="checkbox"
          checked={text !== undefined}
          onChange={(event) =>
            edit((d) => {
              const variants = { ...d.variants };
              if (event.target.checked) variants[network] = d.text;
              else delete variants[network];
              return { variants };
            })
          }
        />
        {words('compose.variant.toggle', { network: name })}
      </label>
      {text !== undefined ? (
        <div className="field">
          <label htmlFor={id}>{words('compose.variant.label', { network: name })}</label>
          <textarea id={id} dir="auto" className="compose-text" rows={5} value={text} readOnly={readOnly} onChange={(event) => edit((d) => ({ variants: { ...d.variants, [network]: event.target.value } }))} />
        </div>
      ) : null}
    </div>
  );
}

/** The mapping in words: what Bluesky gets for this draft's warning. */
function blueskyGets(draft: Draft, words: Words, locale: string): string {
  const warning = draft.contentWarning.trim();
  const labels = draft.labels.map((label) => labelWords(words, label).toLocaleLowerCase(locale));
  if (labels.length > 0) {
    const values = { count: labels.length, labels: labels.join(', ') };
    return warning ? words('compose.labels.getsInstead', { ...values, warning }) : words('compose.labels.gets', values);
  }
  return warning ? words('compose.labels.warningOnly', { warning }) : words('compose.labels.nothing');
}
