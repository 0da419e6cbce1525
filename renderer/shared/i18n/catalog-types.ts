// The type of a translated catalog: zh-CN's keys, any subset (the required subset per
// locale is tests/unit/renderer/i18n-locales.test.ts's business, see visitor-keys.ts).
import type { MessageKey } from './messages/zh-CN';

export type Catalog = Partial<Record<MessageKey, string>>;
