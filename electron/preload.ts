// Preload of every terminal window. Bundled to CommonJS (electron/dist/preload.cjs)
// because sandboxed preloads cannot use ESM; it may require only "electron".
import { contextBridge, ipcRenderer } from 'electron';
import { createServiceHallBridge } from './preload-api.js';

contextBridge.exposeInMainWorld('serviceHall', createServiceHallBridge(ipcRenderer));
