/**
 * What `braid post --dry-run` prints: for each target, exactly what the outbox would send there
 * (shared/compose/plan.ts): every post of the thread, the warning or labels, visibility,
 * language, images with their descriptions, and what the user should know.
 */
import type { DraftPlan, TargetPlan } from '../../shared/compose/plan.ts';
import type { Phrase } from '../../shared/i18n/translate.ts';
import { plain, print } from './terminal.ts';
import { english, words, wordsOf } from './words.ts';

export interface ImageFile {
  file: string;
  alt: string;
}

/** --json is the same in every language: notes and problems in English. */
const inEnglish = (phrases: readonly Phrase[]) => phrases.map((phrase) => wordsOf(phrase, english));

export const planJson = (plan: DraftPlan, images: readonly ImageFile[]) => ({
  dryRun: true,
  sendable: plan.sendable,
  problems: inEnglish(plan.problems),
  targets: plan.targets.map((target) => ({
    account: target.accountId,
    handle: target.handle,
    network: target.network,
    parts: target.parts,
    contentWarning: target.contentWarning,
    labels: target.labels,
    visibility: target.visibility,
    language: target.language,
    images: images.map(({ file, alt }) => ({ file, alt })),
    notes: inEnglish(target.notes),
    problems: inEnglish(target.problems),
  })),
});

const indent = (text: string, by: string) => plain(text).split('\n').map((line) => `${by}${line}`).join('\n');

function printTarget(target: TargetPlan, images: readonly ImageFile[]): void {
  print(`${plain(target.handle)} (${target.network})`);
  const { fit } = target;
  const settings = [
    target.visibility ? words('cli.plan.visibility', { visibility: target.visibility }) : null,
    target.language ? words('cli.plan.language', { language: target.language }) : words('cli.plan.noLanguage'),
    target.contentWarning ? words('cli.plan.warning', { warning: plain(target.contentWarning) }) : null,
    target.network === 'bluesky' ? (target.labels.length ? words('cli.plan.labels', { labels: target.labels.join(', ') }) : words('cli.plan.noLabels')) : null,
    // Digits as they are, as the servers count them.
    words('cli.plan.length', { length: String(fit.length), limit: String(fit.limit), unit: fit.unit }),
  ].filter(Boolean);
  print(`  ${settings.join(' · ')}`);
  images.forEach((image, i) => {
    const values = { number: i + 1, file: plain(image.file), alt: plain(image.alt) };
    print(`  ${words(image.alt ? 'cli.plan.image' : 'cli.plan.imageNoAlt', values)}`);
  });
  target.parts.forEach((part, i) => {
    print(`  ${target.parts.length > 1 ? words('cli.plan.postOf', { number: i + 1, count: target.parts.length }) : words('cli.plan.post')}`);
    print(indent(part, '    │ '));
  });
  for (const note of target.notes) print(`  ${words('cli.plan.note', { note: plain(wordsOf(note)) })}`);
  for (const problem of target.problems) print(`  ${words('cli.plan.cannotSend', { problem: plain(wordsOf(problem)) })}`);
}

export function printPlan(plan: DraftPlan, images: readonly ImageFile[]): void {
  plan.targets.forEach((target, i) => {
    if (i > 0) print();
    printTarget(target, images);
  });
  for (const problem of plan.problems) print(words('cli.plan.cannotSend', { problem: plain(wordsOf(problem)) }));
  print();
  print(words(plan.sendable ? 'cli.plan.dryRun' : 'cli.plan.dryRunBlocked'));
}
