/** Small platform facts remembered across runs (not user settings): e.g. the close-to-tray hint was shown. */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface UiState {
  closeHintShown: boolean;
  /** The answer to "keep running in the background?" (asked where it cannot be told whether there is a tray). */
  closeChoice?: 'background' | 'quit';
}

export interface UiStateStore {
  get(): UiState;
  update(patch: Partial<UiState>): UiState;
}

const initial: UiState = { closeHintShown: false };

export function createUiStateStore(file: string): UiStateStore {
  let state: UiState = { ...initial };
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<UiState>;
    state = { ...initial, closeHintShown: parsed.closeHintShown === true };
    if (parsed.closeChoice === 'background' || parsed.closeChoice === 'quit') state.closeChoice = parsed.closeChoice;
  } catch {
    // Missing or unreadable: start from defaults.
  }
  return {
    get: () => state,
    update(patch) {
      state = { ...state, ...patch };
      try {
        mkdirSync(dirname(file), { recursive: true });
        const temp = `${file}.tmp`;
        writeFileSync(temp, JSON.stringify(state));
        renameSync(temp, file);
      } catch {
        // Worst case the hint is shown once more next run.
      }
      return state;
    },
  };
}
