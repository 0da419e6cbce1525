// Every inbox handler of the hall, registered by importing its file (one line per kind; each file
// calls registerInboxHandler from ../inbox-handlers.ts at load). The inbox poller imports this.
import './phone-rating.js';
import './remote-ticket.js';
export {};
