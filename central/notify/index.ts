// Notifications to a visitor's phone at central (docs/notifications.md): what server.ts and
// main.ts use. The parts: consents.ts (consent, withdrawal, purge), triggers.ts (what a board
// calls for), outbox.ts + dispatcher.ts (sending, retries, deadlines, delivery reports),
// notifier.ts (the channel interface) with sms-gateway.ts and wechat.ts, seal.ts (the address
// key), texts.ts, routes.ts; emulators of both providers in emulators/.
export { notifyOptionsFromEnv, NotifyConfigError, type NotifyOptions } from './config.js';
export { NotifyDispatcher } from './dispatcher.js';
export { registerNotifyRoutes } from './routes.js';
export { NotifyKeyError } from './seal.js';
