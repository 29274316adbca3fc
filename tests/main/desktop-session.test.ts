/**
 * The e2e suite's Linux desktop session (tests/e2e/desktop-session.ts) works here, without Electron: a Notify
 * call on its bus — sent with gdbus exactly as libnotify sends it — reaches the daemon and dbus-monitor's log, and
 * the reader recovers its title and body (Chinese and quotes included).
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { desktopSessionProblem, observedNotifications, startDesktopSession } from '../e2e/desktop-session';

describe.skipIf(desktopSessionProblem() !== null)('e2e desktop session', () => {
  it('observes a notification on D-Bus with its title and body', async () => {
    const session = await startDesktopSession();
    try {
      const notify = (summary: string, body: string) =>
        spawnSync(
          'gdbus',
          [
            'call',
            '--session',
            '--dest',
            'org.freedesktop.Notifications',
            '--object-path',
            '/org/freedesktop/Notifications',
            '--method',
            'org.freedesktop.Notifications.Notify',
            'Tidings',
            '0',
            '',
            summary,
            body,
            '[]',
            '{}',
            '5000',
          ],
          { env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: session.address }, encoding: 'utf8' },
        );
      expect(notify('Orders · newOrder', 'Order 1: 2 × coffee').status).toBe(0);
      expect(notify('订单', '说 "你好"').status).toBe(0);
      expect(notify('Two lines', 'first\nsecond "quoted"').status).toBe(0);
      await expect
        .poll(() => observedNotifications(session.monitorLog), { timeout: 5_000 })
        .toEqual([
          { summary: 'Orders · newOrder', body: 'Order 1: 2 × coffee' },
          { summary: '订单', body: '说 "你好"' },
          { summary: 'Two lines', body: 'first\nsecond "quoted"' },
        ]);
    } finally {
      await session.close();
    }
  });
});
