/**
 * What `braid post --dry-run` prints: for each target, exactly what the outbox would send there
 * (shared/compose/plan.ts): every post of the thread, the warning or labels, visibility,
 * language, images with their descriptions, and what the user should know.
 */
import type { DraftPlan, TargetPlan } from '../../shared/compose/plan.ts';
import { plain, print } from './terminal.ts';

export interface ImageFile {
  file: string;
  alt: string;
}

export const planJson = (plan: DraftPlan, images: readonly ImageFile[]) => ({
  dryRun: true,
  sendable: plan.sendable,
  problems: plan.problems,
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
    notes: target.notes,
    problems: target.problems,
  })),
});

const indent = (text: string, by: string) => plain(text).split('\n').map((line) => `${by}${line}`).join('\n');

function printTarget(target: TargetPlan, images: readonly ImageFile[]): void {
  print(`${plain(target.handle)} (${target.network})`);
  const settings = [
    target.visibility ? `visibility: ${target.visibility}` : null,
    `language: ${target.language ?? 'not set'}`,
    target.contentWarning ? `content warning: ${plain(target.contentWarning)}` : null,
    target.network === 'bluesky' ? `labels: ${target.labels.length ? target.labels.join(', ') : 'none'}` : null,
    `length: ${target.fit.length} of ${target.fit.limit} ${target.fit.unit}`,
  ].filter(Boolean);
  print(`  ${settings.join(' · ')}`);
  images.forEach((image, i) => print(`  image ${i + 1}: ${plain(image.file)} — ${image.alt ? `“${plain(image.alt)}”` : 'no description'}`));
  target.parts.forEach((part, i) => {
    print(target.parts.length > 1 ? `  post ${i + 1} of ${target.parts.length}:` : '  post:');
    print(indent(part, '    │ '));
  });
  for (const note of target.notes) print(`  note: ${plain(note)}`);
  for (const problem of target.problems) print(`  cannot send: ${plain(problem)}`);
}

export function printPlan(plan: DraftPlan, images: readonly ImageFile[]): void {
  plan.targets.forEach((target, i) => {
    if (i > 0) print();
    printTarget(target, images);
  });
  for (const problem of plan.problems) print(`cannot send: ${plain(problem)}`);
  print();
  print(plan.sendable ? 'Dry run: nothing was sent.' : 'Dry run: nothing was sent, and this post cannot be sent as it is.');
}
