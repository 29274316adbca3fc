import type { StateCreator } from 'zustand';
import { defaultSettings } from '../../../shared/domain';
import { api } from '../bridge';
import type { AppState, SettingsSlice } from './types';

export const createSettingsSlice: StateCreator<AppState, [], [], SettingsSlice> = (set, get) => ({
  settings: defaultSettings,
  setSettings: (settings) => set({ settings }),
  updateSettings: async (patch) => {
    // Optimistic: controls reflect the change at once; main's answer (or the old value on failure) follows.
    const before = get().settings;
    set({ settings: { ...before, ...patch } });
    const result = await api().settings.update(patch);
    set({ settings: result.ok ? result.data : before });
    return result;
  },
});
