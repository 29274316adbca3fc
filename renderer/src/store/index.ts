/**
 * One zustand store built from slices (ARCHITECTURE §7). Components select the smallest thing they need;
 * IPC wiring lives in ../sync.ts, outside React.
 */
import { create } from 'zustand';
import { createConnectionSlice } from './connection-slice';
import { createFeedsSlice } from './feeds-slice';
import { createMessagesSlice } from './messages-slice';
import { createSettingsSlice } from './settings-slice';
import type { AppState } from './types';
import { createUiSlice } from './ui-slice';
import { createActionsSlice } from './actions-slice';

export const useStore = create<AppState>()((...a) => ({
  ...createFeedsSlice(...a),
  ...createConnectionSlice(...a),
  ...createSettingsSlice(...a),
  ...createMessagesSlice(...a),
  ...createUiSlice(...a),
  ...createActionsSlice(...a),
}));

export type { AppState } from './types';
