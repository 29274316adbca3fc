import { describe, expect, it } from 'vitest';
import { nextMorning } from '../../../electron/main/core/notify/dnd';
import { createTranslator } from '../../../electron/main/core/i18n';
import { trayState, trayTooltip } from '../../../electron/main/core/notify/tray-state';
import { settings, status, utcAt, utcMinutes } from './fixtures';

const now = utcAt(3, 12, 0);
const state = (statuses: Parameters<typeof trayState>[0], s = settings()) => trayState(statuses, s, now, utcMinutes);

describe('tray state', () => {
  it('is live when every feed is open (or there are none)', () => {
    expect(state([status('a', 'open'), status('b', 'connecting')])).toBe('live');
    expect(state([])).toBe('live');
  });

  it('is failing when a feed is stopped for a reason or reconnecting; a disabled feed is not a failure', () => {
    expect(state([status('a', 'open'), status('b', 'stopped', { kind: 'http', status: 401 })])).toBe('failing');
    expect(state([status('a', 'open'), status('b', 'reconnecting')])).toBe('failing');
    expect(state([status('a', 'open'), status('b', 'disabled')])).toBe('live');
  });

  it('is paused when every running feed is paused, which outranks failing and do-not-disturb', () => {
    const dnd = settings({ dnd: { mode: 'until', until: null, quietStart: '22:00', quietEnd: '07:00' } });
    expect(state([status('a', 'paused'), status('b', 'disabled')], dnd)).toBe('paused');
    expect(state([status('a', 'paused'), status('b', 'open')], dnd)).toBe('dnd');
  });

  it('shows do-not-disturb only while it is active', () => {
    const active = settings({ dnd: { mode: 'until', until: now + 1, quietStart: '22:00', quietEnd: '07:00' } });
    const over = settings({ dnd: { mode: 'until', until: now, quietStart: '22:00', quietEnd: '07:00' } });
    expect(state([status('a', 'open')], active)).toBe('dnd');
    expect(state([status('a', 'open')], over)).toBe('live');
    const quiet = settings({ dnd: { mode: 'quiet-hours', until: null, quietStart: '11:00', quietEnd: '13:00' } });
    expect(state([status('a', 'open')], quiet)).toBe('dnd');
    expect(state([status('a', 'open'), status('b', 'stopped', { kind: 'http', status: 404 })], quiet)).toBe('failing');
  });

  it('tooltip names the state and the unread count', () => {
    const en = createTranslator('en');
    const failing = [
      status('a', 'stopped', { kind: 'tls', problem: 'expired', code: 'CERT_HAS_EXPIRED' }),
      status('b', 'reconnecting'),
      status('c', 'open'),
    ];
    expect(trayTooltip('failing', failing, 3, en)).toBe('Tidings — 2 feeds failing · 3 unread');
    expect(trayTooltip('failing', failing.slice(1), 0, en)).toBe('Tidings — 1 feed failing · no unread messages');
    expect(trayTooltip('live', [], 0, en)).toBe('Tidings — no unread messages');
    expect(trayTooltip('paused', [], 1, en)).toBe('Tidings — paused · 1 unread');
    expect(trayTooltip('dnd', [], 12, en)).toBe('Tidings — do not disturb · 12 unread');
    expect(trayTooltip('live', [], 12_345, en)).toBe('Tidings — 12,345 unread');
  });

  it('tooltip in Simplified Chinese', () => {
    const zh = createTranslator('zh-CN');
    const failing = [
      status('a', 'stopped', { kind: 'tls', problem: 'expired', code: 'CERT_HAS_EXPIRED' }),
      status('b', 'reconnecting'),
      status('c', 'open'),
    ];
    expect(trayTooltip('failing', failing, 3, zh)).toBe('Tidings — 2 个订阅源出错 · 3 条未读');
    expect(trayTooltip('live', [], 0, zh)).toBe('Tidings — 没有未读消息');
    expect(trayTooltip('paused', [], 1, zh)).toBe('Tidings — 已暂停 · 1 条未读');
    expect(trayTooltip('dnd', [], 12, zh)).toBe('Tidings — 勿扰模式 · 12 条未读');
  });
});

describe('nextMorning ("until tomorrow")', () => {
  it('is the next local 08:00', () => {
    const evening = new Date(2026, 2, 10, 21, 15).getTime();
    expect(new Date(nextMorning(evening))).toEqual(new Date(2026, 2, 11, 8, 0));
    const early = new Date(2026, 2, 10, 6, 0).getTime();
    expect(new Date(nextMorning(early))).toEqual(new Date(2026, 2, 10, 8, 0));
  });
});
