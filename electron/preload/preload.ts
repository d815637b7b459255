import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createStationApi, ipcEventChannel, ipcInvokeChannel } from '../../shared/contract/api.js';

// Only the contract-shaped API crosses the bridge; ipcRenderer itself never does,
// and listeners receive the payload alone, never the IPC event object.
contextBridge.exposeInMainWorld(
  'station',
  createStationApi({
    invoke: (channel, input) => ipcRenderer.invoke(ipcInvokeChannel(channel), input),
    subscribe: (event, listener) => {
      const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
      ipcRenderer.on(ipcEventChannel(event), wrapped);
      return () => {
        ipcRenderer.removeListener(ipcEventChannel(event), wrapped);
      };
    },
  }),
);
