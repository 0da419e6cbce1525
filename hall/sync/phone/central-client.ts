// The hall's phone-link requests to central (protocol/central/phone.ts) over the sync kernel
// (protocol/sync/failure.ts): push a board, long-poll the inbox, post results.
// Contract: answers the parsed body, or `need_full` for a 409 need_full board answer; every other
// outcome is a SyncFailure of the kernel's taxonomy (retry / unknown / refused / protocol).
// Dangers: the hall token goes in the Authorization header only, never in a message or log line.
import { z } from 'zod';
import type { HttpClient } from '../../../protocol/sync/http-client.js';
import { errorParts, expectOk, send } from '../../../protocol/sync/failure.js';
import { PROTOCOL_VERSION } from '../../../protocol/central/uplink.js';
import { boardAnswerSchema, inboxPageSchema, type BoardPush, type InboxMessage, type InboxResult } from '../../../protocol/central/phone.js';

export interface PhoneEndpoint {
  /** Base URL of the central platform, without the /v1 path. */
  baseUrl: string;
  hallId: string;
  /** Read at every request (a rotated token works at once); throws SyncFailure when missing. */
  readonly token: string;
}

const resultsAnswerSchema = z.object({ acknowledged: z.array(z.string()), unknown: z.array(z.string()) });

export class PhoneCentralClient {
  constructor(
    private readonly http: HttpClient,
    private readonly endpoint: PhoneEndpoint,
    private readonly now: () => number,
    private readonly timeoutMs: number,
  ) {}

  async pushBoard(push: BoardPush): Promise<{ kind: 'ok'; version: number } | { kind: 'need_full'; message: string }> {
    const a = await this.request('POST', 'board', this.timeoutMs, push);
    if (a.status === 409 && errorParts(a).code === 'need_full') return { kind: 'need_full', message: errorParts(a).message };
    return { kind: 'ok', version: expectOk(a, boardAnswerSchema, 'central (board)').version };
  }

  /** Waits at central up to waitSeconds for messages after `after`. */
  async inbox(after: number, waitSeconds: number): Promise<InboxMessage[]> {
    const a = await this.request('GET', `inbox?after=${after}&waitSeconds=${waitSeconds}`, this.timeoutMs + waitSeconds * 1000);
    return expectOk(a, inboxPageSchema, 'central (inbox)').messages;
  }

  async postResults(results: InboxResult[]): Promise<{ acknowledged: string[]; unknown: string[] }> {
    const a = await this.request('POST', 'inbox/results', this.timeoutMs, { results });
    return expectOk(a, resultsAnswerSchema, 'central (inbox results)');
  }

  private request(method: 'GET' | 'POST', path: string, timeoutMs: number, body?: unknown) {
    const { baseUrl, hallId } = this.endpoint;
    const url = `${baseUrl.replace(/\/+$/, '')}/v1/halls/${encodeURIComponent(hallId)}/${path}`;
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.endpoint.token}`,
      'x-hall-id': hallId,
      'x-protocol-version': String(PROTOCOL_VERSION),
      accept: 'application/json',
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    return send(this.http, { method, url, headers, body: body === undefined ? undefined : JSON.stringify(body), timeoutMs }, this.now);
  }
}
