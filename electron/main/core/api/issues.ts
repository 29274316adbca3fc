/**
 * Field issues from zod issues: each with its language-neutral problem (shared/problem.ts) and the English words
 * ("url: Enter an http:// or https:// URL") for logs and the request's `message`.
 */
import { problemEnglish, problemOfIssue, type IssueLike } from '../../../../shared/problem';
import type { FieldIssue } from '../../../../shared/result';

export type { IssueLike };

const joinPath = (path: readonly PropertyKey[]): string => path.map((p) => String(p)).join('.');

function describe(issue: IssueLike): string {
  if (issue.code === 'invalid_union' && issue.errors && issue.errors.length > 0) {
    const forms = issue.errors.map((branch) =>
      branch
        .slice(0, 2)
        .map((i) =>
          i.path.length
            ? `${joinPath(i.path)}: ${problemEnglish(problemOfIssue(i))}`
            : problemEnglish(problemOfIssue(i)),
        )
        .join(', '),
    );
    return `None of the accepted forms matched (${forms.join(' | ')})`;
  }
  return problemEnglish(problemOfIssue(issue));
}

export function formatIssues(issues: readonly IssueLike[]): { message: string; issues: FieldIssue[] } {
  const list = issues.map((i) => ({ path: joinPath(i.path), problem: problemOfIssue(i), message: describe(i) }));
  const text = list
    .slice(0, 5)
    .map((i) => (i.path ? `${i.path}: ${i.message}` : i.message))
    .join('; ');
  const more = list.length > 5 ? ` (and ${list.length - 5} more)` : '';
  return { message: text + more, issues: list };
}
