// The hall's end of the device-agent links (protocol/agent.ts): one WebSocket
// per terminal at /api/v1/agent, authenticated by the terminal's token in the
// Authorization header (never in the URL). A newer link of the same terminal
// replaces the older one.
// Contracts: a link speaks only for its own terminal — the hub stamps every
// message with the authenticated terminal, callers never trust a terminal id
// inside a message. Malformed or flooding links get `refused` or are closed;
// nothing an agent sends can throw out of here.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import type { TerminalIdentity, TerminalRegistry } from '../auth/tokens.js';
import { AGENT_MAX_FRAME_BYTES, agentToHallSchema, parseFrame, type AgentToHall, type HallToAgent } from '../../protocol/agent.js';
import { logger } from '../../drivers/log/logger.js';

const log = logger('agent-hub');

/** Messages one link may send per second on average (bursts up to 4×): far above a busy kiosk. */
const RATE_PER_SECOND = 50;
const COMMAND_TIMEOUT_MS = 20_000;
const CLOCK_MS = 2_000;

export interface AgentLink {
  readonly terminal: TerminalIdentity;
  readonly connectedAt: number;
  send(message: HallToAgent): boolean;
}

export interface AgentHubHandlers {
  connected(link: AgentLink): void;
  message(link: AgentLink, message: AgentToHall): void;
  disconnected(link: AgentLink): void;
}

type CommandResult = Extract<AgentToHall, { type: 'command_result' }>;

export class AgentHub {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: AGENT_MAX_FRAME_BYTES });
  private readonly links = new Map<string, { ws: WebSocket; link: AgentLink }>();
  private readonly commands = new Map<string, { terminalId: string; resolve: (r: CommandResult) => void; timer: NodeJS.Timeout }>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly clock: NodeJS.Timeout;
  private handlers: AgentHubHandlers | null = null;

  constructor(
    private readonly terminals: TerminalRegistry,
    private readonly now: () => number,
    /** The hall's monotonic clock for staleness (clock frames, readAtHall, print sentAt). */
    readonly monotonicNow: () => number = () => performance.now(),
  ) {
    this.heartbeat = setInterval(() => {
      for (const { ws } of this.links.values()) {
        const s = ws as WebSocket & { alive?: boolean };
        if (s.alive === false) ws.terminate();
        else {
          s.alive = false;
          ws.ping();
        }
      }
    }, 15_000);
    this.heartbeat.unref();
    // The hall's clock to every agent, so they can state how old a read is in our terms (protocol/agent.ts).
    // Monotonic, not the wall clock: a clock correction (or a test's manual time jump) must not age a read.
    this.clock = setInterval(() => {
      for (const { link } of this.links.values()) link.send({ type: 'clock', hallNow: this.monotonicNow() });
    }, CLOCK_MS);
    this.clock.unref();
  }

  setHandlers(handlers: AgentHubHandlers): void {
    this.handlers = handlers;
  }

  /** Upgrades /api/v1/agent; answers 401 without a valid terminal token. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const header = req.headers.authorization ?? '';
    const terminal = header.startsWith('Bearer ') ? this.terminals.authenticate(header.slice(7).trim()) : null;
    if (!terminal) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, terminal));
  }

  link(terminalId: string): AgentLink | undefined {
    return this.links.get(terminalId)?.link;
  }

  /** Sends a technician command and waits for its answer (≤ 20 s); a missing agent answers at once. */
  request(terminalId: string, command: Omit<Extract<HallToAgent, { type: 'command' }>, 'type' | 'requestId'>): Promise<CommandResult> {
    const requestId = randomUUID();
    const fail = (code: string, message: string): CommandResult => ({ type: 'command_result', requestId, ok: false, code, message, print: null });
    const link = this.link(terminalId);
    if (!link) return Promise.resolve(fail('agent_offline', `the device agent of terminal ${terminalId} is not connected`));
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.commands.delete(requestId);
        resolve(fail('agent_timeout', `the device agent of terminal ${terminalId} did not answer within ${COMMAND_TIMEOUT_MS / 1000} s`));
      }, COMMAND_TIMEOUT_MS);
      this.commands.set(requestId, { terminalId, resolve, timer });
      if (!link.send({ type: 'command', requestId, ...command })) {
        clearTimeout(timer);
        this.commands.delete(requestId);
        resolve(fail('agent_offline', `the device agent of terminal ${terminalId} is not connected`));
      }
    });
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    clearInterval(this.clock);
    for (const c of this.commands.values()) clearTimeout(c.timer);
    this.commands.clear();
    for (const ws of this.wss.clients) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private accept(ws: WebSocket, terminal: TerminalIdentity): void {
    const previous = this.links.get(terminal.id);
    const link: AgentLink = {
      terminal,
      connectedAt: this.now(),
      send: (message) => {
        if (ws.readyState !== ws.OPEN) return false;
        ws.send(JSON.stringify(message));
        return true;
      },
    };
    this.links.set(terminal.id, { ws, link });
    if (previous) previous.ws.close(4000, 'replaced by a newer link of this terminal');
    (ws as WebSocket & { alive?: boolean }).alive = true;
    ws.on('pong', () => ((ws as WebSocket & { alive?: boolean }).alive = true));

    let tokens = RATE_PER_SECOND * 4;
    let refilledAt = Date.now();
    ws.on('message', (data) => {
      (ws as WebSocket & { alive?: boolean }).alive = true;
      const t = Date.now();
      tokens = Math.min(RATE_PER_SECOND * 4, tokens + ((t - refilledAt) / 1000) * RATE_PER_SECOND);
      refilledAt = t;
      if (--tokens < 0) return ws.close(4008, 'too many messages');
      const parsed = parseFrame(agentToHallSchema, data);
      if (!parsed.ok) {
        link.send({ type: 'refused', id: null, code: 'malformed', message: parsed.error });
        return;
      }
      if (parsed.value.type === 'command_result') return this.answer(terminal.id, parsed.value);
      try {
        this.handlers?.message(link, parsed.value);
      } catch (err) {
        log.error(`device agent ${terminal.id}: handling ${parsed.value.type} failed`, { err });
      }
    });
    const gone = () => {
      if (this.links.get(terminal.id)?.ws === ws) {
        this.links.delete(terminal.id);
        this.handlers?.disconnected(link);
      }
    };
    ws.on('close', gone);
    ws.on('error', gone);
    this.handlers?.connected(link);
  }

  private answer(terminalId: string, result: CommandResult): void {
    const waiting = this.commands.get(result.requestId);
    // An answer from another terminal's agent is ignored: request ids are unguessable, and this is the check.
    if (!waiting || waiting.terminalId !== terminalId) return;
    clearTimeout(waiting.timer);
    this.commands.delete(result.requestId);
    waiting.resolve(result);
  }
}
