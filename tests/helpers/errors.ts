import { errorCode as codeOf } from '../../src-shared/errors';

/** The error code of a channel call's result (undefined when the call succeeded), through src-shared/errors.ts's errorCode. */
export const errorCode = async (p: Promise<{ ok: boolean; error?: { code: string } }>): Promise<string | undefined> => codeOf((await p).error);

/** The code of the error a promise rejects with (undefined when it resolves). */
export const rejectionCode = async (p: Promise<unknown>): Promise<string | undefined> => {
  try {
    await p;
  } catch (e) {
    return codeOf(e);
  }
  return undefined;
};
