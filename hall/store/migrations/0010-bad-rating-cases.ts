// 0010: 差评 follow-up cases (issue 15, docs/bad-rating-cases.md). Placeholder schema claimed
// early; finalised below in this session.
import type { Migration } from './types.js';

export const migration0010: Migration = {
  version: 10,
  name: 'bad-rating-cases',
  up: `
    CREATE TABLE bad_rating_cases (
      id TEXT PRIMARY KEY
    ) STRICT;
  `,
};
