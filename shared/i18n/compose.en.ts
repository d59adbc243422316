/** The compose screens' words in English (part of en.ts; see there). */
export const composeEn = {} as const satisfies Record<string, string>;
