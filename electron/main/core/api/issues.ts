/** Readable validation messages from zod issues: "url: Enter an http:// or https:// URL". */
export interface IssueLike {
  path: readonly PropertyKey[];
  message: string;
  code?: string;
  /** zod's invalid_union: the issues of each alternative. */
  errors?: readonly (readonly IssueLike[])[];
}

const joinPath = (path: readonly PropertyKey[]): string => path.map((p) => String(p)).join('.');

function describe(issue: IssueLike): string {
  if (issue.code === 'invalid_union' && issue.errors && issue.errors.length > 0) {
    const forms = issue.errors.map((branch) =>
      branch
        .slice(0, 2)
        .map((i) => (i.path.length ? `${joinPath(i.path)}: ${i.message}` : i.message))
        .join(', '),
    );
    return `None of the accepted forms matched (${forms.join(' | ')})`;
  }
  return issue.message;
}

export function formatIssues(issues: readonly IssueLike[]): {
  message: string;
  issues: { path: string; message: string }[];
} {
  const list = issues.map((i) => ({ path: joinPath(i.path), message: describe(i) }));
  const text = list
    .slice(0, 5)
    .map((i) => (i.path ? `${i.path}: ${i.message}` : i.message))
    .join('; ');
  const more = list.length > 5 ? ` (and ${list.length - 5} more)` : '';
  return { message: text + more, issues: list };
}
