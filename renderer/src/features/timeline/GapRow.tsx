import type { TimelineGap } from '../../../../shared/contract.ts';
import type { AccountSummary } from '../../../../shared/domain/account.ts';
import { useWords, type Words } from '../../i18n/use-words.ts';

interface Props {
  gap: TimelineGap;
  account: AccountSummary | undefined;
  loading: boolean;
  onLoad: (gap: TimelineGap) => void;
}

/** Where an account's posts are missing (more came than one page while Braid was away): loads them a page at a time. */
export function GapRow({ gap, account, loading, onLoad }: Props) {
  const words = useWords();
  return (
    <div className="timeline-gap" data-testid="timeline-gap">
      <button type="button" className="button button-quiet" onClick={() => onLoad(gap)} disabled={loading} aria-busy={loading}>
        {words(loading ? 'timeline.gap.loading' : 'timeline.gap.load')}
      </button>
      <span className="muted">{account ? words('timeline.gap.belongs', { handle: account.handle }) : words('timeline.gap.belongsUnknown')}</span>
    </div>
  );
}

export const gapRowKey = (gap: TimelineGap) => `gap ${gap.accountId} ${gap.after}`;
export const gapLabel = (account: AccountSummary | undefined, words: Words) => (account ? words('timeline.gap.label', { handle: account.handle }) : words('timeline.gap.labelUnknown'));
