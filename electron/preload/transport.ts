/** The IPC transport for bindApi: invoke for requests, on/removeListener for pushes (the event is stripped). */
import type { IpcRenderer, IpcRendererEvent } from 'electron';
import type { ApiTransport } from '../../shared/ipc/bind-api';
import type { PayloadOf } from '../../shared/ipc/contract';
import type { PushChannel } from '../../shared/ipc/channels';

export function createIpcTransport(ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>): ApiTransport {
  return {
    invoke: (channel, request) => ipc.invoke(channel, request),
    listen<C extends PushChannel>(channel: C, listener: (payload: PayloadOf<C>) => void): () => void {
      // The renderer never sees the IpcRendererEvent (it would expose `sender`, i.e. ipcRenderer).
      const wrapped = (_event: IpcRendererEvent, payload: PayloadOf<C>): void => listener(payload);
      ipc.on(channel, wrapped);
      return () => {
        ipc.removeListener(channel, wrapped);
      };
    },
  };
}
