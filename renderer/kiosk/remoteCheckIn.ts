// 线上取号 at the kiosk (docs/remote-tickets.md): the check-in screen takes appointment codes and
// remote-ticket codes alike. A remote ticket's QR (`servicehall:remote:<CODE>`) goes straight to the
// remote check-in; a typed code or a card that finds no appointment is tried as a remote ticket, and
// when that finds none either the appointment's refusal stands (the visitor meant an appointment).
// A card goes to the remote check-in first (the hall puts the card back when it finds none).
// The reply is shaped as the appointment check-in's, with `remote` set, so the ticket screen shows
// it (KioskScreens says it was a remote ticket, not an appointment).
import type { CheckInRequest, CheckInResponse } from '../../hall/api/dto';
import type { ReplyOf } from '../../hall/api/contract';
import type { ApiClient } from '../shared/api/client';
import { ApiError } from '../shared/api/errors';

export type RemoteInfo = ReplyOf<'remoteCheckIn'>['remote'];
export type AnyCheckIn = CheckInResponse & { remote?: RemoteInfo };

const REMOTE_QR = 'servicehall:remote:';
const NOT_AN_APPOINTMENT = new Set(['unknown_appointment', 'no_appointment']);

async function remote(client: ApiClient, body: CheckInRequest): Promise<AnyCheckIn> {
  const r = await client.call('remoteCheckIn', { body });
  return { ...r, checkIn: 'late', appointment: { code: r.remote.code, matterName: r.remote.matterName, slotStart: r.remote.issuedAt, slotEnd: r.remote.issuedAt, slotText: '' } };
}

export async function checkInAny(client: ApiClient, body: CheckInRequest): Promise<AnyCheckIn> {
  if (body.method === 'qr' && body.text.trim().toLowerCase().startsWith(REMOTE_QR)) return remote(client, body);
  // A card is read once: the remote check-in looks first and leaves it for the appointment's when it finds nothing.
  if (body.method === 'card') {
    try {
      return await remote(client, body);
    } catch (err) {
      if (!(err instanceof ApiError) || err.code !== 'unknown_remote_ticket') throw err;
    }
    return client.call('checkIn', { body });
  }
  try {
    return await client.call('checkIn', { body });
  } catch (err) {
    if (!(err instanceof ApiError) || !NOT_AN_APPOINTMENT.has(err.code)) throw err;
    try {
      return await remote(client, body);
    } catch (second) {
      if (second instanceof ApiError && (second.code === 'unknown_remote_ticket' || second.code === 'invalid_code')) throw err;
      throw second;
    }
  }
}
