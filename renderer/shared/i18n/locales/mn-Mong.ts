// Mongolian in the traditional script (mn-Mong) for visitors: the kiosk and the hall display.
// Shown vertically (writing-mode: vertical-lr) with Noto Sans Mongolian, loaded only when a
// visitor chooses Mongolian (../mongolian-font.ts). How it was written and checked, and why a
// native reader should review it before a hall relies on it: docs/i18n.md.
import type { Catalog } from '../catalog-types';
import { mnMongCore } from './mn-Mong-core';
import { mnMongGuides } from './mn-Mong-guides';
import { mnMongKioskRules } from './mn-Mong-kiosk-rules';
import { mnMongServiceDesk } from './mn-Mong-service-desk';
import { mnMongRecords } from './mn-Mong-records';
import { mnMongPhone } from './mn-Mong-phone';
import { mnMongNotify } from './mn-Mong-notify';
import { mnMongRemote } from './mn-Mong-remote';

export const mnMong: Catalog = { ...mnMongCore, ...mnMongKioskRules, ...mnMongGuides, ...mnMongServiceDesk, ...mnMongRecords, ...mnMongPhone, ...mnMongNotify, ...mnMongRemote };
