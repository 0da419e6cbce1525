// Kiosk check-in of a remote ticket (线上取号, docs/remote-tickets.md): the reply body, shared with the
// renderer (decision 0007: types only).
import type { IssueTicketResponse } from './dto.js';

export interface RemoteCheckInResponse extends IssueTicketResponse {
  remote: {
    code: string;
    matterName: string;
    /** Where the ticket went: at check-in (like a walk-in) or at its remote issue time (bounded). */
    placement: 'check_in_time' | 'issue_time';
    /** When it was taken on the phone. */
    issuedAt: number;
  };
}
