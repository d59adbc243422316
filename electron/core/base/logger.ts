/** Where the core writes what went wrong, for the host to keep or print (never a secret in it). */
export type Logger = (message: string, error?: unknown) => void;
