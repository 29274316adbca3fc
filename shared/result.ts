/** Results cross IPC instead of exceptions: Electron keeps only an error's message across invoke. */
export type ErrorCode = 'invalid-request' | 'forbidden' | 'not-found' | 'conflict' | 'unsupported' | 'internal';

export interface ResultError {
  code: ErrorCode;
  message: string;
  /** Field-level problems for form validation (path → message). */
  issues?: { path: string; message: string }[];
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: ResultError };

export const ok = <T>(data: T): Result<T> => ({ ok: true, data });
export const fail = (code: ErrorCode, message: string, issues?: ResultError['issues']): Result<never> =>
  issues ? { ok: false, error: { code, message, issues } } : { ok: false, error: { code, message } };
