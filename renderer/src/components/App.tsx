import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { applyLanguage, resolveLanguage } from '../i18n';
import { useStore } from '../store';
import { useThrottledStore } from '../hooks/use-throttled-store';
import { selectBadgeUnread } from '../store/selectors';
import { DiagnosticsDialog } from './DiagnosticsDialog';
import { FeedEditor } from './FeedEditor';
import { MessageDetail } from './MessageDetail';
import { Composer } from './Composer';
import { MESSAGE_LIST_ID, MessageList } from './MessageList';
import { Notices } from './Notices';
import { SEARCH_INPUT_ID, SearchBar } from './SearchBar';
import { SettingsDialog } from './SettingsDialog';
import { Sidebar } from './Sidebar';
import { TransferDialog } from './TransferDialog';
import { ClearFeedDialog } from './ClearFeedDialog';
import { ActionDialog } from './ActionDialog';
import { ViewHeader } from './ViewHeader';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

function useThemeAndLanguage(): void {
  const theme = useStore((s) => s.settings.theme);
  const language = useStore((s) => s.settings.language);
  const systemLocale = useStore((s) => s.systemLocale);
  useEffect(() => {
    if (theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
  }, [theme]);
  useEffect(() => applyLanguage(resolveLanguage(language, systemLocale)), [language, systemLocale]);
}

/** How often the title may change while the count keeps moving (a title change is a round trip to the OS). */
const TITLE_INTERVAL_MS = 1000;

/**
 * The window title carries the unread count (taskbars and window switchers show it). A component of its own:
 * the count changes with every live batch, and only the title should follow, not the whole window. The first
 * change shows at once; while the count keeps changing the title follows at most once per second.
 */
function DocumentTitle(): null {
  const { t } = useTranslation();
  const unread = useThrottledStore(selectBadgeUnread, TITLE_INTERVAL_MS);
  const name = t('app.name');
  const title = unread > 0 ? `${name} (${unread > 99_999 ? '99999+' : unread})` : name;
  useEffect(() => {
    if (document.title !== title) document.title = title;
  }, [title]);
  return null;
}

function useGlobalKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const { dialog, openMessage, closeMessage, selectAdjacent } = useStore.getState();
      if (dialog || e.defaultPrevented || e.ctrlKey || e.metaKey) return;
      if (e.altKey) {
        // Alt+↑/↓: the feed above or below, from anywhere.
        if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
          e.preventDefault();
          selectAdjacent(e.key === 'ArrowUp' ? -1 : 1, true);
        }
        return;
      }
      if (e.key === '/' && !isTyping(e.target)) {
        e.preventDefault();
        const input = document.getElementById(SEARCH_INPUT_ID);
        if (input instanceof HTMLInputElement) {
          input.focus();
          input.select();
        }
      } else if (e.key === 'Escape' && openMessage && !isTyping(e.target)) {
        closeMessage();
        document.getElementById(MESSAGE_LIST_ID)?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

function Dialogs() {
  const dialog = useStore((s) => s.dialog);
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'feed-editor':
      return <FeedEditor key={dialog.feedId ?? 'new'} feedId={dialog.feedId} />;
    case 'diagnostics':
      return <DiagnosticsDialog key={dialog.feedId} feedId={dialog.feedId} />;
    case 'settings':
      return <SettingsDialog />;
    case 'transfer':
      return <TransferDialog />;
    case 'clear-feed':
      return <ClearFeedDialog key={dialog.feedId} feedId={dialog.feedId} />;
    case 'http-action':
      return (
        <ActionDialog
          key={`${dialog.messageId}:${dialog.action}`}
          messageId={dialog.messageId}
          action={dialog.action}
        />
      );
  }
}

export function App() {
  const { t } = useTranslation();
  const sync = useStore((s) => s.sync);
  const hasDetail = useStore((s) => s.openMessage !== null);
  useThemeAndLanguage();
  useGlobalKeys();

  return (
    <div className={hasDetail ? 'app with-detail' : 'app'} data-sync={sync}>
      <a className="skip-link" href={`#${MESSAGE_LIST_ID}`}>
        {t('app.skipToMessages')}
      </a>
      <Sidebar />
      <main className="main" aria-label={t('app.mainLabel')}>
        <ViewHeader />
        <SearchBar />
        {sync === 'loading' ? (
          <div className="list-wrap">
            <p className="list-empty">{t('list.loading')}</p>
          </div>
        ) : (
          <MessageList />
        )}
        <Composer />
      </main>
      <MessageDetail />
      <Dialogs />
      <Notices />
      <DocumentTitle />
    </div>
  );
}
