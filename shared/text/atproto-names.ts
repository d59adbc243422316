/** The shapes of Bluesky (atproto) account names, for reading them in text and resolving them. */
export const didPattern = /^did:(plc|web):[a-zA-Z0-9._:%-]+$/;
/** A handle, lowercased first. */
export const handlePattern = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;
