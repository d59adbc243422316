import type { TimelineGap } from '../../../../shared/contract.ts';
import type { AccountSummary } from '../../../../shared/domain/account.ts';

interface Props {
  gap: TimelineGap;
  account: AccountSummary | undefined;
  loading: boolean;
  onLoad: (gap: TimelineGap) => void;
}

/** Where an account's posts are missing (more came than one page while Braid was away): loads them a page at a time. */
export function GapRow({ gap, account, loading, onLoad }: Props) {
  return (
    <div className="timeline-gap" data-testid="timeline-gap">
      <button type="button" className="button button-quiet" onClick={() => onLoad(gap)} disabled={loading} aria-busy={loading}>
        {loading ? 'Loading missing posts…' : 'Load missing posts'}
      </button>
      <span className="muted">{account ? `More posts from @${account.handle}’s home timeline belong here.` : 'More posts belong here.'}</span>
    </div>
  );
}

export const gapRowKey = (gap: TimelineGap) => `gap ${gap.accountId} ${gap.after}`;
export const gapLabel = (account: AccountSummary | undefined) => (account ? `Missing posts from @${account.handle}’s home timeline` : 'Missing posts');
