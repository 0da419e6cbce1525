// A refused ticket's facts as the kiosk really receives them (apiErrorFromResponse puts a 409's
// facts in `facts`, not `details`): the daily cap is named in the message, and the refusals the
// hall answers with offers (issue 13: daily cap, cut-off, a queue closed early) are admission
// refusals the kiosk explains. Mutation tried: factsOf reading `details` only gives "每天 个".
import { describe, expect, it } from 'vitest';
import { apiErrorFromResponse } from '../../../renderer/shared/api/errors.js';
import { admissionPhrase, ADMISSION_CODES, factsOf } from '../../../renderer/kiosk/kioskRules.js';
import { translateRules } from '../../../renderer/kiosk/rulesText.js';
import { OFFER_CAUSES } from '../../../renderer/kiosk/screens/CapOfferPanel.js';

describe('kiosk refusal facts from the wire', () => {
  it('names the daily cap of a 409 read from the hall', () => {
    const err = apiErrorFromResponse(409, { error: { code: 'daily_cap_reached', message: 'x', details: { cap: 300 } } });
    expect(factsOf(err)).toEqual({ cap: 300 });
    const phrase = admissionPhrase(err.code, factsOf(err), '-')!;
    expect(translateRules('zh-CN', phrase.key, phrase.params)).toContain('每天 300 个');
  });

  it('treats every cause the hall answers with offers as an admission refusal', () => {
    for (const cause of OFFER_CAUSES) expect(ADMISSION_CODES.has(cause), cause).toBe(true);
  });
});
