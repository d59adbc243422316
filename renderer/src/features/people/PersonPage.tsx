import { useState } from 'react';
import type { AccountSummary } from '../../../../shared/domain/account.ts';
import type { Profile, ProfileTab } from '../../../../shared/domain/profile.ts';
import { profileTabs } from '../../../../shared/domain/profile.ts';
import { withoutBidiControls } from '../../../../shared/text/bidi.ts';
import { httpUrl } from '../../../../shared/text/links.ts';
import { NetworkBadge } from '../../components/Avatar.tsx';
import { ErrorPanel } from '../../components/ErrorPanel.tsx';
import type { MessageId } from '../../../../shared/i18n/messages.ts';
import { useWords } from '../../i18n/use-words.ts';
import { useImageUrl } from '../../state/image-url.tsx';
import { useProfile } from '../../state/people.ts';
import { AuthorAvatar, DisplayName } from '../timeline/AuthorLine.tsx';
import { ContentText } from '../timeline/content/PostBody.tsx';
import { ExternalLink } from '../timeline/content/ExternalLink.tsx';
import { ProfilePosts } from './ProfilePosts.tsx';
import { RelationshipRow } from './RelationshipRow.tsx';
import { elsewhereOf } from '../../../../shared/people/elsewhere.ts';

const tabNames: Record<ProfileTab, MessageId> = { posts: 'person.tab.posts', replies: 'person.tab.replies', media: 'person.tab.media' };

/**
 * A person as your accounts see them: who they are (header, bio, fields with the links their
 * server verified, counts), each of your accounts on their network with its relationship and its
 * follow, mute and block, then their posts by tab.
 */
export function PersonPage({ accounts, accountId, who }: { accounts: AccountSummary[]; accountId: string; who: string }) {
  const words = useWords();
  const profile = useProfile(accountId, who);
  const [tab, setTab] = useState<ProfileTab>('posts');
  const other = useElsewhere(profile.data, accounts);
  if (profile.error) return <ErrorPanel title={words('person.failed')} error={profile.error} />;
  if (!profile.data) return <p className="timeline-note muted">{words('person.loading')}</p>;
  const person = profile.data;
  return (
    <div className="person" data-testid="person">
      <PersonHeader profile={person} />
      <Relations accounts={accounts} profile={person} who={who} />
      {other ? (
        <section className="person-elsewhere" data-testid="person-elsewhere" aria-label={words('person.alsoOn', { network: other.network })}>
          <h3 className="person-elsewhere-title">{words('person.alsoOn', { network: other.network })}</h3>
          <div className="person-identity">
            <AuthorAvatar author={other.author} size={48} />
            <div>
              <p className="person-elsewhere-name">
                <DisplayName author={other.author} />
              </p>
              <p className="person-handle">
                <span className="post-handle">@{withoutBidiControls(other.author.handle)}</span> <NetworkBadge network={other.network} />
              </p>
            </div>
          </div>
          <Relations accounts={accounts} profile={other} who={other.author.id} />
        </section>
      ) : null}
      <div className="person-tabs" role="tablist" aria-label={words('person.postsLabel')}>
        {profileTabs.map((name) => (
          <button key={name} type="button" role="tab" id={`person-tab-${name}`} aria-selected={tab === name} aria-controls="person-posts" className="person-tab" onClick={() => setTab(name)}>
            {words(tabNames[name])}
          </button>
        ))}
      </div>
      <div id="person-posts" role="tabpanel" aria-labelledby={`person-tab-${tab}`}>
        <ProfilePosts key={tab} accounts={accounts} source={{ accountId, who }} also={other ? { accountId: other.accountId, who: other.author.id } : null} tab={tab} />
      </div>
    </div>
  );
}

/** Your accounts on the profile's network, with their relationship, but not the person themself (your own profile has nothing to follow). */
function Relations({ accounts, profile, who }: { accounts: AccountSummary[]; profile: Profile; who: string }) {
  const words = useWords();
  const itself = (account: AccountSummary) => account.handle.toLowerCase() === profile.author.handle.toLowerCase();
  const mine = accounts.filter((account) => account.network === profile.network && account.status !== 'auth_expired' && !itself(account));
  return (
    <section className="person-relations" aria-label={words('person.yourAccounts')}>
      {mine.map((account) => (
        <RelationshipRow key={account.id} account={account} who={who} />
      ))}
    </section>
  );
}

/**
 * The same person on another network where you have an account: the first account their profile
 * names (or their Bridgy Fed bridge) that one of your accounts there finds.
 */
function useElsewhere(profile: Profile | undefined, accounts: AccountSummary[]): Profile | null {
  const place = profile
    ? elsewhereOf(profile)
        .map((where) => ({ where, viewer: accounts.find((account) => account.network === where.network && account.status !== 'auth_expired') }))
        .find((candidate) => candidate.viewer !== undefined)
    : undefined;
  const found = useProfile(place?.viewer?.id ?? '', place?.where.address ?? '', { enabled: place !== undefined, quiet: true });
  return place && found.data ? found.data : null;
}

function PersonHeader({ profile }: { profile: Profile }) {
  const words = useWords();
  const toImageUrl = useImageUrl();
  const header = toImageUrl(profile.headerUrl);
  const { counts } = profile;
  const original = profile.url ? (httpUrl(profile.url)?.href ?? null) : null;
  return (
    <header className="person-header">
      {header ? <img className="person-banner" src={header} alt="" referrerPolicy="no-referrer" /> : null}
      <div className="person-identity">
        <AuthorAvatar author={profile.author} size={72} />
        <div>
          <h2 className="person-name">
            <DisplayName author={profile.author} />
          </h2>
          <p className="person-handle">
            <span className="post-handle">@{withoutBidiControls(profile.author.handle)}</span> <NetworkBadge network={profile.network} />
            {profile.bot ? <span className="person-mark">{words('person.bot')}</span> : null}
            {profile.locked ? <span className="person-mark">{words('person.locked')}</span> : null}
          </p>
        </div>
      </div>
      <div className="person-bio">
        <ContentText content={profile.bio} />
      </div>
      {profile.fields.length > 0 ? (
        <dl className="person-fields">
          {profile.fields.map((field, index) => (
            <div key={index} className="person-field" data-verified={field.verifiedAt ? true : undefined}>
              <dt>{withoutBidiControls(field.name)}</dt>
              <dd>
                <ContentText content={field.value} />
                {field.verifiedAt ? <span className="person-verified">{words('person.verified')}</span> : null}
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
      <p className="person-counts muted">
        {counts.posts !== null ? <span>{words('person.count.posts', { count: counts.posts })}</span> : null}
        {counts.following !== null ? <span>{words('person.count.following', { count: counts.following })}</span> : null}
        {counts.followers !== null ? <span>{words('person.count.followers', { count: counts.followers })}</span> : null}
        {original ? (
          <ExternalLink href={original} text={original}>
            {words('person.openOriginal')}
          </ExternalLink>
        ) : null}
      </p>
    </header>
  );
}
