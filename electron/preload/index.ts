/**
 * Sandboxed preload: the only bridge between the page and Electron. It exposes a small, frozen,
 * named API on `window.portolan` (more capabilities arrive later, grouped by domain) and never
 * a generic `invoke(channel)`.
 */
import { contextBridge } from 'electron';

const api = Object.freeze({
  platform: 'desktop' as const,
});

export type PortolanDesktopApi = typeof api;

contextBridge.exposeInMainWorld('portolan', api);
