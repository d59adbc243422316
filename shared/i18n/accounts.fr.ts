/** Les mots des écrans « accounts » en français (partie de fr.ts). */
import type { accountsEn } from './accounts.en.ts';

export const accountsFr: Record<keyof typeof accountsEn, string> = {};
