/**
 * Results cross IPC instead of exceptions: Electron keeps only an error's message across invoke. An error carries
 * a language-neutral `problem` (the window translates it) and, per field, the problem of each field; `message` is
 * the same in English, for logs and tests — never shown in the window.
 */
import { problemEnglish, type Problem } from './problem';

export type ErrorCode = 'invalid-request' | 'forbidden' | 'not-found' | 'conflict' | 'unsupported' | 'internal';

export interface FieldIssue {
  /** Dotted path of the field in the request (`url`, `headers.1.name`, `feeds.0.url`). */
  path: string;
  problem: Problem;
  message: string;
}

export interface ResultError {
  code: ErrorCode;
  problem: Problem;
  message: string;
  /** Field-level problems for forms. */
  issues?: FieldIssue[];
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: ResultError };

export const ok = <T>(data: T): Result<T> => ({ ok: true, data });

/** A field issue with its English words. */
export const issue = (path: string, problem: Problem): FieldIssue => ({
  path,
  problem,
  message: problemEnglish(problem),
});

export const fail = (code: ErrorCode, problem: Problem, issues?: FieldIssue[]): Result<never> => {
  const error: ResultError = { code, problem, message: problemEnglish(problem) };
  if (issues) error.issues = issues;
  return { ok: false, error };
};
