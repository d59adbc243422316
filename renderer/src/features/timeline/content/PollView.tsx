import { useId, useState } from 'react';
import { pollClosed, type Poll } from '../../../../../shared/domain/post.ts';
import { useIntl } from 'react-intl';
import { useWords, type Words } from '../../../i18n/use-words.ts';

function closesIn(expiresAt: string, locale: string, now = Date.now()): string {
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const minutes = Math.max(1, Math.round((Date.parse(expiresAt) - now) / 60_000));
  if (minutes < 60) return relative.format(minutes, 'minute');
  if (minutes < 48 * 60) return relative.format(Math.round(minutes / 60), 'hour');
  return relative.format(Math.round(minutes / 1440), 'day');
}

function summary(poll: Poll, closed: boolean, words: Words, locale: string): string {
  const who = poll.voters === null ? words('poll.votes', { count: poll.votes }) : words('poll.people', { count: poll.voters });
  const when = closed ? 'closed' : poll.expiresAt ? 'closes' : 'open';
  return words('poll.summary', { who, when, closes: poll.expiresAt ? closesIn(poll.expiresAt, locale) : '' });
}

function Results({ poll, ownVotes }: { poll: Poll; ownVotes: readonly number[] | null }) {
  // Several choices per person: each option's share of the people who voted, as Mastodon shows it.
  const whole = poll.multiple ? (poll.voters ?? poll.votes) : poll.votes;
  const most = Math.max(...poll.options.map((option) => option.votes ?? 0));
  const words = useWords();
  return (
    <ul className="poll-results">
      {poll.options.map((option, index) => {
        const share = option.votes === null || whole === 0 ? null : Math.round((option.votes / whole) * 100);
        const mine = ownVotes?.includes(index) ?? false;
        return (
          <li key={index} className="poll-result" data-mine={mine || undefined} data-leading={(option.votes !== null && option.votes === most && most > 0) || undefined}>
            <span className="poll-bar" style={{ width: `${share ?? 0}%` }} aria-hidden="true" />
            <span className="poll-share">{share === null ? '–' : `${share}%`}</span>
            <span className="poll-title" dir="auto">
              {option.title}
            </span>
            {mine ? <span className="poll-mine">{words('poll.yourVote')}</span> : null}
          </li>
        );
      })}
    </ul>
  );
}

export interface PollViewProps {
  poll: Poll;
  /** The acting account's choices: null when it has not voted, undefined when it cannot say (another network). */
  ownVotes?: readonly number[] | null | undefined;
  /** Absent where no account of the reader can vote (a quoted post, another network's account). */
  onVote?: ((choices: number[]) => void) | undefined;
  pending?: boolean;
}

/**
 * A Mastodon poll: its options to choose from while it is open and the acting account has not
 * voted, else the results (with that account's choices marked), and how many voted and when it closes.
 */
export function PollView({ poll, ownVotes, onVote, pending = false }: PollViewProps) {
  const name = useId();
  const [chosen, setChosen] = useState<number[]>([]);
  const closed = pollClosed(poll);
  const words = useWords();
  const { locale } = useIntl();
  const voting = !closed && ownVotes === null && onVote !== undefined;
  const choose = (index: number, on: boolean) =>
    setChosen((current) => (poll.multiple ? (on ? [...current, index] : current.filter((value) => value !== index)) : [index]));

  return (
    <div className="poll" data-testid="poll">
      {voting ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (chosen.length > 0) onVote([...chosen].sort((a, b) => a - b));
          }}
        >
          <fieldset className="poll-options" disabled={pending}>
            <legend className="visually-hidden">{words(poll.multiple ? 'poll.chooseMany' : 'poll.chooseOne')}</legend>
            {poll.options.map((option, index) => (
              <label key={index} className="poll-option">
                <input
                  type={poll.multiple ? 'checkbox' : 'radio'}
                  name={name}
                  checked={chosen.includes(index)}
                  onChange={(event) => choose(index, event.target.checked)}
                />
                <span dir="auto">{option.title}</span>
              </label>
            ))}
          </fieldset>
          <div className="poll-footer">
            <button type="submit" className="button" disabled={pending || chosen.length === 0}>
              {words(pending ? 'poll.voting' : 'poll.vote')}
            </button>
            <span className="muted">{summary(poll, closed, words, locale)}</span>
          </div>
        </form>
      ) : (
        <>
          <Results poll={poll} ownVotes={ownVotes ?? null} />
          <p className="poll-footer muted">{summary(poll, closed, words, locale)}</p>
        </>
      )}
    </div>
  );
}
