// The only IPC channels between a terminal page's preload and the main process.
// Every handler in shell.ts checks the sender frame (security.ts isTrustedSender)
// before answering. Imported by the preload bundle, so it must stay dependency-free.
export const ipcChannels = {
  /** invoke → PublicTerminal (identity without the token). */
  terminal: 'servicehall:terminal',
  /** invoke → DeviceStatus[] (the current status of each local device). */
  deviceStatuses: 'servicehall:device-statuses',
  /** send: reload this terminal's page from its start URL. */
  reload: 'servicehall:reload',
  /** main → page: one DeviceStatus whenever a local device's health changes. */
  deviceStatus: 'servicehall:device-status',
} as const;
