/**
 * The command line's exit codes (documented in `braid --help`: cli.help.exitCodes) and the one error type that
 * carries one. Every failure a command expects ends as a CliError; anything else is a bug.
 */
import type { AppError, ErrorCode } from '../../shared/contract.ts';
import { english, words, wordsOf, type Wording } from './words.ts';

export const exitCodes = {
  /** Every target posted (or, for other commands, the command did what it was asked). */
  ok: 0,
  /** Some target failed (the others stay posted), a server could not be reached, or --timeout passed. */
  failed: 1,
  /** A usage error: a bad flag or argument, or a post that cannot be sent as written. Nothing was sent. */
  usage: 2,
  /** Configuration or authentication: no accounts, an unknown --to, a sign-in refused or expired. */
  setup: 3,
} as const;
export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];

export class CliError extends Error {
  readonly exitCode: ExitCode;
  /** The core's error code, when the core refused. */
  readonly code: ErrorCode | null;
  /** The message in English, for --json (the same in every language). */
  readonly english: string;
  /** `wording`: the command line's words, or a string of the core's (already in English). */
  constructor(wording: Wording | string, exitCode: ExitCode, code: ErrorCode | null = null) {
    super(typeof wording === 'string' ? wording : wordsOf(wording, words));
    this.english = typeof wording === 'string' ? wording : wordsOf(wording, english);
    this.exitCode = exitCode;
    this.code = code;
  }
}

/** What a refusal of the core means for the exit code, unless the command knows better. */
export function exitCodeOf(error: Pick<AppError, 'code'>): ExitCode {
  switch (error.code) {
    case 'auth_expired':
    case 'auth_factor_required':
    case 'unauthorized':
      return exitCodes.setup;
    case 'invalid_input':
    case 'not_found':
      return exitCodes.usage;
    default:
      return exitCodes.failed;
  }
}

export const usageError = (wording: Wording) => new CliError(wording, exitCodes.usage);
export const setupError = (wording: Wording) => new CliError(wording, exitCodes.setup);
