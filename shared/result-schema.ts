import { z } from 'zod';
import { errorCodes, type AppError, type ErrorPhrase } from './result.ts';

export const errorCodeSchema = z.enum(errorCodes);

/** A phrase of the catalogues with its values (see ErrorPhrase); a fragment is a phrase inside a value. */
export const errorPhraseSchema: z.ZodType<ErrorPhrase> = z.object({
  id: z.string().min(1),
  values: z.record(z.string(), z.union([z.string(), z.number(), z.lazy(() => errorPhraseSchema)])).optional(),
});

export const appErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  phrase: errorPhraseSchema.optional(),
  /** The account the error belongs to, when it belongs to one. */
  account: z.string().optional(),
});
// The schema and the plain type in result.ts must describe the same thing.
const sameAppError: [z.infer<typeof appErrorSchema>, AppError] extends [AppError, z.infer<typeof appErrorSchema>] ? true : never = true;
void sameAppError;
