// What the phone page's address says: /m/?hall=<hallId>&id=<ticketId>&key=<key>[&view=queues|guides|…].
// The printed ticket's QR code carries hall, id and key (hall/api/phone-url.ts writes it); a hall's
// own QR at the entrance may carry only the hall. Pure, tested under Node.
export interface PhoneAddress {
  hallId: string | null;
  ticket: { id: string; key: string } | null;
  view: string | null;
  matter: string | null;
}

const ID = /^[A-Za-z0-9_.:-]{1,100}$/;

export function readPhoneAddress(search: string): PhoneAddress {
  const p = new URLSearchParams(search);
  const hall = p.get('hall')?.trim() ?? '';
  const id = p.get('id')?.trim() ?? '';
  const key = p.get('key')?.trim() ?? '';
  const view = p.get('view')?.trim() || null;
  const matter = p.get('matter')?.trim() || null;
  return {
    hallId: ID.test(hall) ? hall : null,
    ticket: ID.test(id) && key.length > 0 && key.length <= 100 ? { id, key } : null,
    view,
    matter,
  };
}
