/** The accounts screens' words in English (part of en.ts; see there). */
export const accountsEn = {} as const satisfies Record<string, string>;
