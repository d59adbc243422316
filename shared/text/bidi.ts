/**
 * Bidirectional control characters (U+202A–U+202E embeddings and overrides, U+2066–U+2069
 * isolates) let a name reorder the text around it ("evil‮gnp.exe"). Names and link texts from
 * servers are shown without them.
 */
const bidiControls = /[\u202A-\u202E\u2066-\u2069]/g;

export const withoutBidiControls = (text: string): string => text.replace(bidiControls, '');
