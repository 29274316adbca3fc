/**
 * Preload (sandboxed, CommonJS): exposes the typed TidingsApi as `window.api` — domain verbs only; neither
 * ipcRenderer nor a generic invoke ever reaches the page. Validation happens in main.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { bindApi } from '../../shared/ipc/bind-api';
import { createIpcTransport } from './transport';

contextBridge.exposeInMainWorld('api', bindApi(createIpcTransport(ipcRenderer)));
