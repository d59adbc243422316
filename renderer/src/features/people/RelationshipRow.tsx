import type { AccountSummary } from '../../../../shared/domain/account.ts';
import type { RelationAction, Relationship } from '../../../../shared/domain/profile.ts';
import { Avatar } from '../../components/Avatar.tsx';
import { ErrorText } from '../../components/ErrorText.tsx';
import type { MessageId } from '../../../../shared/i18n/messages.ts';
import { useWords } from '../../i18n/use-words.ts';
import { useProfile, useRelate } from '../../state/people.ts';

/** Each switch, as the relationship has it now: what a press does, and what the button says. */
const switches: { on: (relationship: Relationship) => boolean; does: [RelationAction, RelationAction]; says: [MessageId, MessageId] }[] = [
  { on: (r) => r.following || r.requested, does: ['unfollow', 'follow'], says: ['person.unfollow', 'person.follow'] },
  { on: (r) => r.muting, does: ['unmute', 'mute'], says: ['person.unmute', 'person.mute'] },
  { on: (r) => r.blocking, does: ['unblock', 'block'], says: ['person.unblock', 'person.block'] },
];

/** What the relationship is, in words: following, follows you, muted, blocked. */
function states(relationship: Relationship): MessageId[] {
  const said: MessageId[] = [];
  if (relationship.following) said.push('person.state.following');
  if (relationship.requested) said.push('person.state.requested');
  if (relationship.followedBy) said.push('person.state.followsYou');
  if (relationship.muting) said.push('person.state.muting');
  if (relationship.blocking) said.push('person.state.blocking');
  if (relationship.blockedBy) said.push('person.state.blockedBy');
  return said;
}

/** One of your accounts and the person: how they stand, and follow, mute and block as that account. */
export function RelationshipRow({ account, who }: { account: AccountSummary; who: string }) {
  const words = useWords();
  const profile = useProfile(account.id, who);
  const relate = useRelate(account.id, who);
  const relationship = profile.data?.relationship;
  return (
    <div className="relationship" data-testid="relationship" data-account={account.id}>
      <Avatar account={account} size={28} />
      <div className="relationship-who">
        <span className="relationship-handle">@{account.handle}</span>
        <span className="muted relationship-state" role="status">
          {relationship ? states(relationship).map((id) => words(id)).join(' · ') : profile.error ? <ErrorText error={profile.error} /> : null}
        </span>
        {relate.error ? (
          <span className="form-error" role="alert">
            <ErrorText error={relate.error} />
          </span>
        ) : null}
      </div>
      <div className="relationship-actions" role="group" aria-label={words('person.actionsAs', { handle: account.handle })}>
        {relationship
          ? switches.map(({ on, does, says }) => {
              const active = on(relationship);
              return (
                <button key={does[1]} type="button" className={active ? 'button button-quiet' : 'button'} data-action={does[1]} disabled={relate.isPending} onClick={() => relate.mutate(active ? does[0] : does[1])}>
                  {words(active ? says[0] : says[1])}
                </button>
              );
            })
          : null}
      </div>
    </div>
  );
}
