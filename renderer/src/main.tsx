import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { hasApi } from './bridge';
import { App } from './components/App';
import { initI18n, resolveLanguage } from './i18n';
import { startSync } from './sync';
import './styles.css';

const i18n = initI18n(resolveLanguage('system', navigator.language));
const root = document.getElementById('root');
if (!root) throw new Error('#root is missing');

if (hasApi()) {
  // Lives as long as the page; the returned cleanup is for hosts that tear the store down (tests, hot reload).
  startSync();
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
} else {
  // Opened outside the app (no preload): say so instead of failing silently.
  const p = document.createElement('p');
  p.className = 'fatal';
  p.textContent = i18n.t('app.noBridge');
  root.appendChild(p);
}
