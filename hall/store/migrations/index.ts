// Every migration, in order. Add a file per migration and list it here;
// never edit one that has shipped. Each has a test upgrading a real database
// at the previous version, with representative rows, through the real migration
// (tests/integration/store/migration-upgrades.test.ts; a migration listed here
// without one fails that file's coverage test).
import { migration0001 } from './0001-initial.js';
import { migration0002 } from './0002-ticket-identities.js';
import { migration0003 } from './0003-queue-rules.js';
import { migration0004 } from './0004-sync-uplink.js';
import { migration0005 } from './0005-datasets.js';
import { migration0006 } from './0006-rating-outbox.js';
import { migration0007 } from './0007-print-jobs.js';
import { migration0008 } from './0008-ticket-issue-keys.js';
import { migration0009 } from './0009-service-records.js';
import { migration0010 } from './0010-bad-rating-cases.js';
import { migration0011 } from './0011-phone-inbox.js';
import { migration0012 } from './0012-remote-tickets.js';
import type { Migration } from './types.js';

export const migrations: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007, migration0008, migration0009, migration0010, migration0011, migration0012];
export type { Migration };
