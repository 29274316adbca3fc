/**
 * Settings, one row per top-level key (JSON), merged over the defaults so new keys get their default. Every change,
 * whoever asks for it (the window, the tray), is told once through onDidChangeSettings.
 */
import { defaultSettings, type Settings } from '../../../../shared/domain';
import { settingsPatch } from '../../../../shared/ipc/schemas';
import type { Logger } from '../types';
import { Emitter, type Event } from '../util/emitter';
import { inTransaction, type Db } from './database';

export class SettingsStore {
  private current: Settings;
  private readonly changed: Emitter<Settings>;
  readonly onDidChangeSettings: Event<Settings>;

  constructor(
    private readonly db: Db,
    logger?: Pick<Logger, 'error'>,
  ) {
    this.changed = new Emitter('onDidChangeSettings', logger);
    this.onDidChangeSettings = this.changed.event;
    const merged: Record<string, unknown> = { ...structuredClone(defaultSettings) };
    for (const [key, value] of db.prepare('SELECT key, value FROM settings').raw().all() as [string, string][]) {
      if (!(key in defaultSettings)) continue;
      // A damaged or ill-shaped value (valid JSON of the wrong shape included) falls back to its default.
      try {
        const parsed: unknown = JSON.parse(value);
        if (settingsPatch.safeParse({ [key]: parsed }).success) merged[key] = parsed;
      } catch {
        // keep the default
      }
    }
    this.current = merged as unknown as Settings;
  }

  get(): Settings {
    return this.current;
  }

  update(patch: Partial<Settings>): Settings {
    // Key by key: a key present but undefined (a structured clone keeps it) or unknown changes nothing.
    const keys = (Object.keys(patch) as (keyof Settings)[]).filter(
      (k) => k in defaultSettings && patch[k] !== undefined,
    );
    const next: Record<string, unknown> = { ...this.current };
    for (const key of keys) next[key] = patch[key];
    const upsert = this.db.prepare(
      'INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    );
    inTransaction(this.db, () => {
      for (const key of keys) upsert.run(key, JSON.stringify(next[key]));
    });
    this.current = next as unknown as Settings;
    this.changed.fire(this.current);
    return this.current;
  }
}
