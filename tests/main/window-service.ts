/** A window service as the composition root builds it, hidden at start, for adapter tests (electron is mocked). */
import { createWindowService, type WindowServiceDeps } from '../../electron/main/platform/window';

export function testWindowService(overrides: Partial<WindowServiceDeps> = {}) {
  return createWindowService({
    preloadPath: '/p.cjs',
    rendererUrl: 'app://tidings/index.html',
    startHidden: true,
    closeToTray: () => true,
    isQuitting: () => false,
    closeHint: { wasShown: () => true, markShown: () => undefined, show: () => undefined },
    ...overrides,
  });
}
