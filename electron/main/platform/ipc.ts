/**
 * Binds the core's transport-agnostic handler table to ipcMain. Before any handler runs: the sender must be a
 * window we created, its main frame, showing our renderer; the payload must match the channel's zod schema.
 * Pushes go to every live window.
 */
import { type BrowserWindow, ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { invokeChannels } from '../../../shared/ipc/channels';
import type { ApiHandlers, PushSink } from '../../../shared/ipc/contract';
import { fail, type Result } from '../../../shared/result';
import { dispatch } from '../core/api/dispatch';
import type { Logger } from '../core/types';

export interface TrustedOrigin {
  /** With the colon, as URL.protocol gives it: 'app:' or 'http:'. */
  protocol: string;
  host: string;
}

/** Compares scheme and host: WHATWG URL reports origin "null" for custom schemes, so `origin` cannot be used. */
export function isTrustedUrl(value: string, origins: readonly TrustedOrigin[]): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return origins.some((o) => o.protocol === url.protocol && o.host === url.host);
}

export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  owns: (contents: WebContents) => boolean,
  origins: readonly TrustedOrigin[],
): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.isDestroyed?.()) return false;
  if (frame.parent !== null) return false; // sub-frames never talk to main
  if (!owns(event.sender)) return false;
  return isTrustedUrl(frame.url, origins);
}

export interface IpcBindingDeps {
  handlers: ApiHandlers;
  isTrusted(event: IpcMainInvokeEvent): boolean;
  logger: Logger;
}

/** Registers one ipcMain.handle per invoke channel. Returns a function that removes them. */
export function bindIpc(deps: IpcBindingDeps): () => void {
  for (const channel of invokeChannels) {
    ipcMain.handle(channel, async (event, payload: unknown): Promise<Result<unknown>> => {
      if (!deps.isTrusted(event)) {
        deps.logger.warn(`IPC ${channel} refused: untrusted sender ${event.senderFrame?.url ?? '(gone)'}`);
        return fail('forbidden', { kind: 'forbidden' });
      }
      // Validates with the channel's zod schema before the handler runs; never throws.
      return dispatch(deps.handlers, channel, payload, deps.logger);
    });
  }
  return () => {
    for (const channel of invokeChannels) ipcMain.removeHandler(channel);
  };
}

/** A PushSink delivering to every live window we own. */
export function createWindowPushSink(windows: () => readonly BrowserWindow[]): PushSink {
  return (channel, payload) => {
    for (const win of windows()) {
      if (win.isDestroyed() || win.webContents.isDestroyed()) continue;
      win.webContents.send(channel, payload);
    }
  };
}
