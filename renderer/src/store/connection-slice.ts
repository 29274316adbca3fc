import type { StateCreator } from 'zustand';
import type { AppState, ConnectionSlice } from './types';

export const createConnectionSlice: StateCreator<AppState, [], [], ConnectionSlice> = (set) => ({
  sync: 'loading',
  syncError: null,
  statuses: {},
  systemLocale: typeof navigator !== 'undefined' ? navigator.language : 'en',
  version: '',
  applyStatuses: (list) => {
    if (list.length === 0) return;
    set((s) => {
      const statuses = { ...s.statuses };
      for (const status of list) statuses[status.feedId] = status;
      return { statuses };
    });
  },
  setSync: (sync, error = null) => set({ sync, syncError: error }),
});
