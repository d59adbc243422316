/** Les mots des écrans « compose » en français (partie de fr.ts). */
import type { composeEn } from './compose.en.ts';

export const composeFr: Record<keyof typeof composeEn, string> = {};
