import { z } from 'zod';
import { errorCodes, type AppError } from './result.ts';

export const errorCodeSchema = z.enum(errorCodes);

export const appErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  /** The account the error belongs to, when it belongs to one. */
  account: z.string().optional(),
});
// The schema and the plain type in result.ts must describe the same thing.
const sameAppError: [z.infer<typeof appErrorSchema>, AppError] extends [AppError, z.infer<typeof appErrorSchema>] ? true : never = true;
void sameAppError;
