// The upload panel's text covers every upload state and profile the hall can report.
import { describe, expect, it } from 'vitest';
import { zhCNRatingUploads } from '../../../renderer/shared/i18n/zh-CN-rating-uploads.js';
import { UPLOAD_STATES } from '../../../protocol/central/ratings/state-machine.js';
import { profiles } from '../../../protocol/central/ratings/profiles/index.js';

describe('rating upload panel text', () => {
  it('names every state and profile in Chinese', () => {
    const text = zhCNRatingUploads as Record<string, string>;
    for (const s of UPLOAD_STATES) expect(text[`admin.ratingUploads.state.${s}`], s).toMatch(/[\u4e00-\u9fff]/);
    for (const p of Object.keys(profiles)) expect(text[`admin.ratingUploads.profile.${p}`], p).toMatch(/[\u4e00-\u9fff]/);
  });

  it('keeps placeholders the panel fills', () => {
    expect(zhCNRatingUploads['admin.ratingUploads.destination']).toContain('{destination}');
    expect(zhCNRatingUploads['admin.ratingUploads.oldest']).toContain('{age}');
  });
});
