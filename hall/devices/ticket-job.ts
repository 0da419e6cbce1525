// What a kiosk prints for a ticket: the TicketDTO in the printer's words.
import type { TicketDTO } from '../api/dto.js';
import type { HallConfig } from '../config/schema.js';
import { localParts } from '../domain/index.js';
import type { TicketPrintJob } from '../../drivers/printer/index.js';

export function ticketPrintJob(config: HallConfig, ticket: TicketDTO, progressUrl: string): TicketPrintJob {
  return {
    hallName: config.hall.name,
    number: ticket.number,
    matterName: ticket.matterName,
    queueName: ticket.queueName,
    peopleAhead: ticket.peopleAhead,
    waitMinutes: { min: ticket.estimate.minMinutes, max: ticket.estimate.maxMinutes },
    issuedAtText: localParts(ticket.issuedAt, config.hall.utcOffsetMinutes).text,
    qrContent: progressUrl,
    notice: config.ticket.notice,
    ...(ticket.greenCategoryLabel ? { greenCategoryLabel: ticket.greenCategoryLabel } : {}),
    ...(ticket.maskedIdentity ? { maskedIdentity: ticket.maskedIdentity } : {}),
  };
}
