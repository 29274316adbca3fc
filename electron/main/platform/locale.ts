/** The host's language, for the 'system' language setting (main's texts and the renderer's snapshot alike). */
import { app } from 'electron';

/** The user's first preferred OS language, else Chromium's UI locale (which follows LANG on Linux). */
export function systemLocale(): string {
  return app.getPreferredSystemLanguages()[0] ?? app.getLocale();
}
