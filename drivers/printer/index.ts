// Public surface of the ticket printer driver for the hall's device agent.
// Internals (command scanner, reply matching, glyph rasteriser) stay private.
export type { PrintFailureCode, PrintOutcome, PrintWarning, PrinterStatus, TicketPrintJob, TicketPrinterDevice } from './contract.js';
export { CONFIRM_MISSES_BEFORE_GIVING_UP, CONFIRM_TIMEOUT_LIMITS, checkTicketPrinterOptions, TicketPrinter, type ReadsStatus, type TicketPrinterOptions } from './printer.js';
export { BUNDLED_PROFILE_IDS, loadPrinterProfile, parsePrinterProfile, supports, type PrinterProfile } from './profile.js';
export { buildPrinterProfileCatalog, resolvePrinterProfile, type PrinterProfileCatalog } from './profile-catalog.js';
export { DEFAULT_TICKET_TEMPLATE, parseTicketPrintJob, parseTicketTemplate, type TicketTemplate, type TicketTemplateInput } from './ticket-template.js';
export { renderTicket, type RenderedTicket } from './ticket.js';
export { decodeEscPos, splitAtCuts, textLines, type DecodedDocument, type DecodedElement } from './decoder.js';
export { renderPreviewSvg, type PreviewOptions } from './preview.js';
export { healthFromStatus } from './status.js';
export { startPrinterEmulator, type PrinterEmulator, type PrinterEmulatorOptions, type EmulatorReplies, type EmulatorState } from './emulator.js';
