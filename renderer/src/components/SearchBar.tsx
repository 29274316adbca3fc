import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../store';
import { hasFilters } from '../store/query';
import { selectFeed } from '../store/selectors';
import type { Priority } from '../../../shared/message-fields';
import { Icon } from './Icon';
import { DateTimeField } from './TimeFields';
import { MESSAGE_LIST_ID } from './MessageList';

export const SEARCH_INPUT_ID = 'search-input';
const TYPES_LIST_ID = 'known-event-types';

/** Event types seen in the loaded messages, offered as suggestions (any other type can be typed too). */
function TypeSuggestions() {
  const items = useStore((s) => s.items);
  const types = useMemo(() => {
    const seen = new Set<string>();
    for (const m of items) {
      seen.add(m.type);
      if (seen.size >= 50) break;
    }
    return [...seen].sort();
  }, [items]);
  return (
    <datalist id={TYPES_LIST_ID}>
      {types.map((type) => (
        <option key={type} value={type} />
      ))}
    </datalist>
  );
}
const DEBOUNCE_MS = 200;

/** Full-text search over the whole history with filters; every change re-queries the database. */
export function SearchBar() {
  const { t } = useTranslation();
  const query = useStore((s) => s.query);
  const feeds = useStore((s) => s.feeds);
  const setQuery = useStore((s) => s.setQuery);
  const feedName = useStore((s) => {
    const feed = selectFeed(s.query.feedId)(s);
    return feed ? feed.name || feed.url : null;
  });

  const [text, setText] = useState(query.text);
  const [type, setType] = useState(query.type);
  const [showFilters, setShowFilters] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  // Keep the inputs in step when the query changes elsewhere (e.g. "Clear").
  const [seen, setSeen] = useState({ text: query.text, type: query.type });
  if (seen.text !== query.text || seen.type !== query.type) {
    setSeen({ text: query.text, type: query.type });
    setText(query.text);
    setType(query.type);
  }
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const debounced = (patch: { text?: string; type?: string }) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setQuery(patch), DEBOUNCE_MS);
  };
  const filtered = hasFilters(query);

  return (
    <search className="search-bar" aria-label={t('search.label')}>
      <div className="search-row">
        <div className="search-field">
          <span className="search-icon">
            <Icon name="search" size={13} />
          </span>
          <input
            id={SEARCH_INPUT_ID}
            type="search"
            value={text}
            placeholder={feedName === null ? t('search.placeholder') : t('search.placeholderFeed', { name: feedName })}
            aria-label={t('search.label')}
            aria-keyshortcuts="/"
            onChange={(e) => {
              setText(e.target.value);
              debounced({ text: e.target.value });
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                if (timer.current) clearTimeout(timer.current);
                setQuery({ text });
              } else if (e.key === 'Escape') {
                // Esc clears the search and hands the keyboard back to the list.
                e.preventDefault();
                if (timer.current) clearTimeout(timer.current);
                if (text || query.text) {
                  setText('');
                  setQuery({ text: '' });
                }
                document.getElementById(MESSAGE_LIST_ID)?.focus();
              }
            }}
          />
          <kbd className="search-kbd" aria-hidden="true">
            /
          </kbd>
        </div>
        <button
          type="button"
          className={showFilters || filtered ? 'button toggled' : 'button'}
          aria-expanded={showFilters}
          aria-controls="search-filters"
          onClick={() => setShowFilters((v) => !v)}
        >
          {t('search.filters')}
        </button>
        {filtered ? (
          <button
            type="button"
            className="button"
            onClick={() => setQuery({ text: '', type: '', unread: false, from: null, to: null, minPriority: null })}
          >
            {t('search.clear')}
          </button>
        ) : null}
      </div>
      {showFilters ? (
        <div className="search-filters" id="search-filters">
          <label className="field inline">
            <span>{t('search.feed')}</span>
            <select value={query.feedId ?? ''} onChange={(e) => setQuery({ feedId: e.target.value || null })}>
              <option value="">{t('search.allFeeds')}</option>
              {feeds.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name || f.url}
                </option>
              ))}
            </select>
          </label>
          <label className="field inline">
            <span>{t('search.type')}</span>
            <input
              type="text"
              value={type}
              placeholder={t('search.anyType')}
              list={TYPES_LIST_ID}
              onChange={(e) => {
                setType(e.target.value);
                debounced({ type: e.target.value });
              }}
            />
          </label>
          <TypeSuggestions />
          <label className="field inline">
            <span>{t('search.priority')}</span>
            <select
              value={query.minPriority ?? ''}
              onChange={(e) => setQuery({ minPriority: e.target.value ? (Number(e.target.value) as Priority) : null })}
            >
              <option value="">{t('search.anyPriority')}</option>
              {([2, 3, 4, 5] as const).map((p) => (
                <option key={p} value={p}>
                  {t(`search.priorityAtLeast${p}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field inline check">
            <input type="checkbox" checked={query.unread} onChange={(e) => setQuery({ unread: e.target.checked })} />
            <span>{t('search.unreadOnly')}</span>
          </label>
          <DateTimeField label={t('search.from')} value={query.from} onCommit={(from) => setQuery({ from })} />
          <DateTimeField label={t('search.to')} value={query.to} endOfMinute onCommit={(to) => setQuery({ to })} />
        </div>
      ) : null}
    </search>
  );
}
