// Every migration, in order. Add a file per migration and list it here;
// never edit one that has shipped. Each has a test upgrading a real database
// from the previous version (tests/integration/store/migrations.test.ts).
import { migration0001 } from './0001-initial.js';
import { migration0002 } from './0002-ticket-identities.js';
import type { Migration } from './types.js';

export const migrations: readonly Migration[] = [migration0001, migration0002];
export type { Migration };
