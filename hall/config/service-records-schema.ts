// The `serviceRecords` section of the hall configuration (docs/service-records.md): the
// hall settings of 容缺受理 over several days, 限时办结 warnings and complaint replies.
// Contract: absent or `{}` parses to the defaults below; objects are strict (a misspelt
// key is an error, not a silently ignored deadline).
import { z } from 'zod';

export const serviceRecordsSchema = z
  .strictObject({
    acceptPending: z
      .strictObject({
        /** Working days a visitor may be given to bring the missing materials, at most (the promise's date). */
        maxWorkingDays: z.number().int().min(1).max(60).default(10),
        /** The date offered when staff give none. */
        defaultWorkingDays: z.number().int().min(1).max(60).default(5),
        /** The kiosk whose printer prints the 容缺受理告知 when the counter names none. Absent: the first kiosk with a printer. */
        noticeTerminalId: z.string().min(1).optional(),
      })
      .prefault({}),
    timeLimits: z
      .strictObject({
        /** 限时办结: a case is flagged (counter and admin page) when its promised time limit ends within these hours. */
        warnBeforeHours: z.number().int().min(1).max(240).default(24),
      })
      .prefault({}),
    complaints: z
      .strictObject({
        /** An on-site complaint is answered within these working days (有诉即应). */
        replyWorkingDays: z.number().int().min(1).max(30).default(3),
      })
      .prefault({}),
    /**
     * Days a closed complaint's or home visit's contact (name, phone, address) is kept after it was
     * answered, completed or cancelled; then it is deleted (the record stays, without the contact).
     */
    contactRetentionDays: z.number().int().min(1).max(365).default(30),
  })
  .superRefine((s, ctx) => {
    if (s.acceptPending.defaultWorkingDays > s.acceptPending.maxWorkingDays) {
      ctx.addIssue({ code: 'custom', path: ['acceptPending', 'defaultWorkingDays'], message: 'cannot exceed maxWorkingDays' });
    }
  })
  .prefault({});

export type ServiceRecordsConfig = z.infer<typeof serviceRecordsSchema>;
