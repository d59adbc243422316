/**
 * The composer's preview cards: targets that would get exactly the same posts share one card
 * naming every account it applies to (two accounts on one server, or on servers with the same
 * rules, would otherwise show the same card twice). Any difference in what is posted or said —
 * the text split, counter, warning, labels, visibility, language, reply, schedule, problems or
 * notes — keeps the cards apart. Pure: the renderer groups the plan it already has.
 */
import type { TargetPlan } from './plan.ts';

export interface PreviewGroup {
  /** What each of these targets will get (the first target's plan; the others are equal to it). */
  plan: TargetPlan;
  /** Every target this card applies to, in the order chosen. */
  targets: TargetPlan[];
}

/** Who a target is; everything else in a TargetPlan is what it will get. */
const identity = new Set<keyof TargetPlan>(['accountId', 'handle']);

/** A canonical text of a value: object keys sorted, so two equal plans give the same text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${canonical(field)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/** What a target will get, as a key: equal keys mean identical previews. */
export function outcomeKey(target: TargetPlan): string {
  const outcome = Object.fromEntries(Object.entries(target).filter(([key]) => !identity.has(key as keyof TargetPlan)));
  return canonical(outcome);
}

/** Targets with identical outcomes, one group each, in the order their first target was chosen. */
export function groupPreviews(targets: readonly TargetPlan[]): PreviewGroup[] {
  const groups = new Map<string, PreviewGroup>();
  for (const target of targets) {
    const key = outcomeKey(target);
    const group = groups.get(key);
    if (group) group.targets.push(target);
    else groups.set(key, { plan: target, targets: [target] });
  }
  return [...groups.values()];
}
