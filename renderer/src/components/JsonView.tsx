import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LinkText } from './LinkText';
import { Icon } from './Icon';
import { CUT } from '../lib/partial-json';

const CHILD_LIMIT = 200;

function Scalar({ value }: { value: unknown }) {
  if (value === null) return <span className="json-null">null</span>;
  switch (typeof value) {
    case 'string':
      return (
        <span className="json-string">
          &quot;
          <LinkText text={value} />
          &quot;
        </span>
      );
    case 'number':
      return <span className="json-number">{String(value)}</span>;
    case 'boolean':
      return <span className="json-boolean">{String(value)}</span>;
    default:
      return <span>{String(value)}</span>;
  }
}

interface NodeProps {
  name: string | null;
  value: unknown;
  depth: number;
  last: boolean;
}

function JsonNode({ name, value, depth, last }: NodeProps) {
  const { t } = useTranslation();
  // Open the top levels of small structures; big arrays and objects start folded (they cost DOM and attention).
  const [expanded, setExpanded] = useState(
    () => depth === 0 || (depth < 3 && value !== null && typeof value === 'object' && Object.keys(value).length <= 50),
  );
  const [limit, setLimit] = useState(CHILD_LIMIT);
  const comma = last ? '' : ',';
  const label =
    name === null ? null : (
      <>
        <span className="json-key">&quot;{name}&quot;</span>
        <span className="json-punct">: </span>
      </>
    );
  if (value === null || typeof value !== 'object') {
    return (
      <div className="json-line">
        {label}
        <Scalar value={value} />
        <span className="json-punct">{comma}</span>
      </div>
    );
  }
  const isArray = Array.isArray(value);
  const entries: [string, unknown][] = isArray
    ? (value as unknown[]).map((v, i) => [String(i), v])
    : Object.entries(value as Record<string, unknown>);
  const [open, close] = isArray ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) {
    return (
      <div className="json-line">
        {label}
        <span className="json-punct">
          {open}
          {close}
          {comma}
        </span>
      </div>
    );
  }
  const summary = isArray ? t('json.items', { count: entries.length }) : t('json.keys', { count: entries.length });
  return (
    <div className="json-node">
      <div className="json-line">
        <button
          type="button"
          className="json-toggle"
          aria-expanded={expanded}
          aria-label={expanded ? t('json.collapse') : t('json.expand')}
          onClick={() => setExpanded((v) => !v)}
        >
          <Icon name={expanded ? 'chevronDown' : 'chevronRight'} size={10} />
        </button>
        {label}
        <span className="json-punct">{open}</span>
        {expanded ? null : (
          <>
            <span className="json-summary">{summary}</span>
            <span className="json-punct">
              {close}
              {comma}
            </span>
          </>
        )}
      </div>
      {expanded ? (
        <>
          <div className="json-children">
            {entries.slice(0, limit).map(([k, v], i) => (
              <JsonNode
                key={k}
                name={isArray ? null : k}
                value={v}
                depth={depth + 1}
                last={i === Math.min(entries.length, limit) - 1 && entries.length <= limit}
              />
            ))}
            {entries.length > limit ? (
              <button type="button" className="link-button" onClick={() => setLimit((l) => l + CHILD_LIMIT)}>
                {t('json.showMore', { count: entries.length - limit })}
              </button>
            ) : null}
            {(value as Record<symbol, unknown>)[CUT] ? <div className="json-cut">{t('json.cut')}</div> : null}
          </div>
          <div className="json-line">
            <span className="json-punct">
              {close}
              {comma}
            </span>
          </div>
        </>
      ) : null}
    </div>
  );
}

/** Pretty-printed, collapsible JSON; strings are text (links clickable), never HTML. */
export function JsonView({ value }: { value: unknown }) {
  return (
    <div className="json-view">
      <JsonNode name={null} value={value} depth={0} last />
    </div>
  );
}
