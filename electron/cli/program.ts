/**
 * The `braid` command line (commander): every command, flag and help text. Each action opens the
 * core only after its flags have been checked, so a usage error never reaches a server.
 */
import { readFileSync } from 'node:fs';
import { Argument, Command, Help, InvalidArgumentError, Option, type HelpConfiguration } from 'commander';
import { selfLabels, visibilitySchema, type SelfLabel } from '../../shared/domain/draft.ts';
import type { CliMessageId } from '../../shared/i18n/messages.ts';
import { exportArchive, importArchiveFile, searchArchive, showArchiveStatus, syncArchive, type SearchOptions } from './archive.ts';
import { findPeople, followPeople } from './people.ts';
import { addBluesky, addMastodon, listAccounts, removeAccount, type AddOptions } from './accounts.ts';
import { exitCodes, usageError, type ExitCode } from './exit.ts';
import { discardFromOutbox, listOutbox, retryOutbox } from './outbox.ts';
import { post, type PostOptions } from './post.ts';
import type { Session } from './session.ts';
import { showTimeline } from './timeline.ts';
import { commanderInLanguage } from './commander-words.ts';
import { locale, words } from './words.ts';

export interface ProgramDeps {
  /** Opens the core (once). */
  open: () => Promise<Session>;
  /** The exit code the command ended with. */
  done: (code: ExitCode) => void;
}

const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

// Repeatable options start with no default (commander would print "default: []" in the help).
const collect = (value: string, previous: string[] = []) => [...previous, value];
const collectList = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((part) => part.trim()).filter(Boolean)];

function collectLabel(value: string, previous: SelfLabel[] = []): SelfLabel[] {
  const label = selfLabels.find((known) => known === value);
  if (!label) throw new InvalidArgumentError(words('cli.flag.labels', { labels: selfLabels.join(', ') }));
  return [...previous, label];
}

function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > 10_000) throw new InvalidArgumentError(words('cli.flag.count'));
  return number;
}

function seconds(value: string): number {
  const number = Number(value);
  if (!value.trim() || !Number.isFinite(number) || number <= 0) throw new InvalidArgumentError(words('cli.flag.seconds'));
  return number;
}

function day(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) throw new InvalidArgumentError(words('cli.flag.date'));
  return new Date(`${value}T00:00:00Z`).toISOString();
}

/** Commander's headings, in the user's language (its Help calls styleTitle with each). */
const titles: Record<string, CliMessageId> = {
  'Usage:': 'cli.help.usage',
  'Arguments:': 'cli.help.arguments',
  'Options:': 'cli.help.options',
  'Global Options:': 'cli.help.globalOptions',
  'Commands:': 'cli.help.commands',
};

/** A description followed by its choices and default, as commander's own, in the user's language. */
function withExtras(description: string, choices: readonly string[] | undefined, shownDefault: string | undefined): string {
  const extras = [
    choices ? words('cli.help.choices', { choices: choices.map((choice) => JSON.stringify(choice)).join(', ') }) : null,
    shownDefault !== undefined ? words('cli.help.default', { value: shownDefault }) : null,
  ].filter(Boolean);
  return extras.length ? `${description} (${extras.join(', ')})`.trim() : description;
}

// Commander wraps at any white space, non-breaking ones too: those of French before : ; ? ! and
// inside « » are held as other characters (of the same width) while it wraps.
const held = [
  ['\u00a0', '\ue000'],
  ['\u202f', '\ue001'],
] as const;

const helpInLanguage: HelpConfiguration = {
  styleTitle: (title) => (titles[title] ? words(titles[title]) : title),
  boxWrap(this: Help, text: string, width: number) {
    const kept = held.reduce((result, [space, stand]) => result.replaceAll(space, stand), text);
    return held.reduce((result, [space, stand]) => result.replaceAll(stand, space), Help.prototype.boxWrap.call(this, kept, width));
  },
  optionDescription: (option) => {
    // As commander: a default is shown for options that take a value (and booleans given one).
    const shown = option.defaultValue !== undefined && (option.required || option.optional || (option.isBoolean() && typeof option.defaultValue === 'boolean'));
    return withExtras(option.description, option.argChoices, shown ? (option.defaultValueDescription ?? JSON.stringify(option.defaultValue)) : undefined);
  },
  argumentDescription: (argument) =>
    withExtras(argument.description, argument.argChoices, argument.defaultValue !== undefined ? (argument.defaultValueDescription ?? JSON.stringify(argument.defaultValue)) : undefined),
};

export function buildProgram({ open, done }: ProgramDeps): Command {
  const timeoutHelp = words('cli.help.timeout');
  const exitCodesHelp = words('cli.help.exitCodes');
  const aboutSecrets = words('cli.help.secrets');
  // Help, headings and the help command first: the subcommands made below inherit them.
  const program = new Command('braid')
    .description(words('cli.help.program'))
    .version(version, '-V, --version', words('cli.help.version'))
    .helpOption('-h, --help', words('cli.help.help'))
    .helpCommand('help [command]', words('cli.help.helpCommand'))
    .configureHelp(helpInLanguage)
    .configureOutput(locale === 'en' ? {} : { outputError: (text, write) => write(commanderInLanguage(text, words)) })
    .exitOverride()
    .showHelpAfterError(words('cli.help.afterError'))
    .addHelpText('after', `${aboutSecrets}\n${exitCodesHelp}`);

  program
    .command('post')
    .description(words('cli.help.post'))
    .argument('[text]', words('cli.help.post.text'))
    .option('-f, --file <file>', words('cli.help.post.file'))
    .option('--to <account>', words('cli.help.post.to'), collectList)
    .option('--image <file>', words('cli.help.post.image'), collect)
    .option('--alt <text>', words('cli.help.post.alt'), collect)
    .option('--cw <text>', words('cli.help.post.cw'))
    .option('--label <label>', words('cli.help.post.label', { labels: selfLabels.join(', ') }), collectLabel)
    .addOption(new Option('--visibility <visibility>', words('cli.help.post.visibility')).choices(visibilitySchema.options).default('public'))
    .option('--lang <tag>', words('cli.help.post.lang'))
    .option('--split', words('cli.help.post.split'))
    .option('--dry-run', words('cli.help.post.dryRun'))
    .option('--json', words('cli.help.post.json'))
    .option('--key <key>', words('cli.help.post.key'))
    .option('--timeout <seconds>', timeoutHelp, seconds)
    .addHelpText('after', `${words('cli.help.postExamples')}\n${exitCodesHelp}`)
    .action(async (text: string | undefined, options: Partial<PostOptions> & Pick<PostOptions, 'visibility'>) =>
      done(await post(open, text, { ...options, to: options.to ?? [], image: options.image ?? [], alt: options.alt ?? [], label: options.label ?? [] })),
    );

  const accounts = program.command('accounts').description(words('cli.help.accounts'));
  accounts
    .command('add')
    .description(words('cli.help.accounts.add'))
    .addArgument(new Argument('<network>', words('cli.help.accounts.add.network')).choices(['mastodon', 'bluesky']))
    .option('--from-env', words('cli.help.accounts.add.fromEnv'))
    .option('--instance <server>', words('cli.help.accounts.add.instance'))
    .option('--handle <handle>', words('cli.help.accounts.add.handle'))
    .option('--loopback', words('cli.help.accounts.add.loopback'))
    .option('--json', words('cli.help.accounts.add.json'))
    .addHelpText('after', aboutSecrets)
    .action(async (network: 'mastodon' | 'bluesky', options: AddOptions) => {
      const session = await open();
      await (network === 'mastodon' ? addMastodon(session, options) : addBluesky(session, options));
      done(exitCodes.ok);
    });
  accounts
    .command('list')
    .description(words('cli.help.accounts.list'))
    .option('--check', words('cli.help.accounts.list.check'))
    .option('--json', words('cli.help.accounts.list.json'))
    .action(async (options: { json?: boolean; check?: boolean }) => {
      await listAccounts(await open(), options);
      done(exitCodes.ok);
    });
  accounts
    .command('remove')
    .description(words('cli.help.accounts.remove'))
    .argument('<account>', words('cli.help.accounts.remove.account'))
    .action(async (name: string) => {
      await removeAccount(await open(), name);
      done(exitCodes.ok);
    });

  const outbox = program.command('outbox').description(words('cli.help.outbox'));
  outbox
    .command('list')
    .description(words('cli.help.outbox.list'))
    .option('--json', words('cli.help.outbox.list.json'))
    .action(async (options: { json?: boolean }) => {
      await listOutbox(await open(), options);
      done(exitCodes.ok);
    });
  outbox
    .command('retry')
    .description(words('cli.help.outbox.retry'))
    .argument('[job]', words('cli.help.outbox.retry.job'))
    .option('--as-thread', words('cli.help.outbox.retry.asThread'))
    .option('--cut', words('cli.help.outbox.retry.cut'))
    .option('--json', words('cli.help.outbox.retry.json'))
    .option('--timeout <seconds>', timeoutHelp, seconds)
    .addHelpText('after', exitCodesHelp)
    .action(async (job: string | undefined, options: { json?: boolean; timeout?: number; asThread?: boolean; cut?: boolean }) => {
      if (options.asThread && options.cut) throw usageError({ id: 'cli.flag.oneFix' });
      const fix = options.asThread ? 'thread' : options.cut ? 'cut' : undefined;
      done(await retryOutbox(await open(), job, { ...options, fix }));
    });
  outbox
    .command('discard')
    .description(words('cli.help.outbox.discard'))
    .argument('<draft>', words('cli.help.outbox.discard.draft'))
    .action(async (draftId: string) => {
      await discardFromOutbox(await open(), draftId);
      done(exitCodes.ok);
    });

  program
    .command('timeline')
    .description(words('cli.help.timeline'))
    .option('-n, --limit <n>', words('cli.help.timeline.limit'), positiveInteger, 20)
    .option('--json', words('cli.help.timeline.json'))
    .action(async (options: { limit: number; json?: boolean }) => done(await showTimeline(await open(), options)));

  const people = program.command('people').description(words('cli.help.people'));
  people
    .command('find')
    .description(words('cli.help.people.find'))
    .option('--from <account>', words('cli.help.people.find.from'))
    .addOption(new Option('--from-file <zip>', words('cli.help.people.find.fromFile')).conflicts('from'))
    .option('--to <account>', words('cli.help.people.find.to'))
    .option('--no-names', words('cli.help.people.find.noNames'))
    .option('--no-websites', words('cli.help.people.find.noWebsites'))
    .option('--json', words('cli.help.json'))
    .addHelpText('after', exitCodesHelp)
    .action(async (options: { from?: string; fromFile?: string; to?: string; names?: boolean; websites?: boolean; json?: boolean }) => {
      if ((options.from === undefined) === (options.fromFile === undefined)) throw usageError({ id: 'cli.people.chooseFrom' });
      done(await findPeople(await open(), options));
    });
  people
    .command('follow')
    .description(words('cli.help.people.follow'))
    .argument('<people...>', words('cli.help.people.follow.people'))
    .requiredOption('--to <account>', words('cli.help.people.follow.to'))
    .option('--json', words('cli.help.json'))
    .addHelpText('after', exitCodesHelp)
    .action(async (who: string[], options: { to: string; json?: boolean }) => done(await followPeople(await open(), who, options)));

  const archive = program.command('archive').description(words('cli.help.archive'));
  const json = words('cli.help.json');
  archive
    .command('sync')
    .description(words('cli.help.archive.sync'))
    .option('--account <account>', words('cli.help.archive.sync.account'), collectList)
    .option('--json', json)
    .addHelpText('after', exitCodesHelp)
    .action(async (options: { account?: string[]; json?: boolean }) => done(await syncArchive(await open(), options)));
  archive
    .command('import')
    .description(words('cli.help.archive.import'))
    .argument('<file>', words('cli.help.archive.import.file'))
    .option('--json', json)
    .action(async (file: string, options: { json?: boolean }) => done(await importArchiveFile(await open(), file, options)));
  archive
    .command('search')
    .description(words('cli.help.archive.search'))
    .argument('<query>', words('cli.help.archive.search.query'))
    .option('-n, --limit <n>', words('cli.help.timeline.limit'), positiveInteger, 20)
    .option('--account <account>', words('cli.help.archive.search.account'), collectList)
    .option('--network <network>', words('cli.help.archive.search.network'), collectList)
    .option('--since <date>', words('cli.help.archive.search.since'), day)
    .option('--until <date>', words('cli.help.archive.search.until'), day)
    .option('--media', words('cli.help.archive.search.media'))
    .option('--replies', words('cli.help.archive.search.replies'))
    .option('--no-replies', words('cli.help.archive.search.noReplies'))
    .option('--best', words('cli.help.archive.search.best'))
    .option('--json', json)
    .action(async (query: string, options: SearchOptions) => done(await searchArchive(await open(), query, options)));
  archive
    .command('export')
    .description(words('cli.help.archive.export'))
    .argument('<dir>', words('cli.help.archive.export.dir'))
    .option('--json', json)
    .action(async (dir: string, options: { json?: boolean }) => done(await exportArchive(await open(), dir, options)));
  archive
    .command('status')
    .description(words('cli.help.archive.status'))
    .option('--json', json)
    .action(async (options: { json?: boolean }) => done(await showArchiveStatus(await open(), options)));

  return program;
}
