// The provincial 好差评 system as the destination of 整改反馈 (rectification feedback of a
// 差评): same token, transport and answer taxonomy as the rating submit
// (ProvincialDestination.post: 200/DUPLICATE → acked, 4xx → rejected, 5xx/timeout →
// unknown, checked by case number before any re-send).
// Body (standards.md names no fields; this minimal set is ours, docs/bad-rating-cases.md):
//   { projectNo, assessNumber, rectifyResult: rectified|explained|appeal_upheld,
//     rectifyTime: "yyyy-MM-dd HH:mm:ss" (province's local time), onTime: boolean }
import { formatDashed } from '../../protocol/central/ratings/profiles/time.js';
import { PROVINCIAL_PATHS, ProvincialDestination, type ProvincialClientOptions } from '../../protocol/central/ratings/provincial-client.js';
import type { RatingRecord } from '../../protocol/central/ratings/profiles/types.js';
import type { CheckOutcome, SendOutcome } from '../../protocol/central/ratings/state-machine.js';
import type { PgRectificationFeedbacks } from './pg-feedback-outbox.js';

export class RectificationDestination extends ProvincialDestination {
  private readonly utcOffsetMinutes: number;
  constructor(
    o: ProvincialClientOptions,
    private readonly feedbacks: PgRectificationFeedbacks,
  ) {
    super(o);
    this.utcOffsetMinutes = o.encode.utcOffsetMinutes;
  }

  override async submit(record: RatingRecord): Promise<SendOutcome> {
    const f = await this.feedbacks.feedback(record.ratingId, this.id);
    if (!f) return { kind: 'rejected', reason: 'the rectification feedback is no longer in the database' };
    return this.post(PROVINCIAL_PATHS.rectification, {
      projectNo: record.caseNumber,
      assessNumber: record.assessNumber,
      rectifyResult: f.result,
      rectifyTime: formatDashed(f.closedAt, this.utcOffsetMinutes),
      onTime: f.onTime,
    });
  }

  override async check(record: RatingRecord): Promise<CheckOutcome> {
    const res = await this.authed('GET', `${PROVINCIAL_PATHS.rectificationQuery}?projectNo=${encodeURIComponent(record.caseNumber)}`);
    if ('outcome' in res) return { kind: 'retry', reason: 'reason' in res.outcome ? res.outcome.reason : 'token endpoint failed' };
    if (res.answer.status === 404) return { kind: 'not_found' };
    if (res.answer.status === 200 && res.answer.readable) return { kind: 'found' };
    return { kind: 'retry', reason: `province (feedback check) answered ${res.answer.status}` };
  }
}
