// The technician page's client of its own device agent (agent/technician/server.ts):
// relative URLs under /local/api on the page's own origin, no token (the agent answers
// on 127.0.0.1 of this machine only). Writes are JSON, so a browser sends them only
// from this page. Rejects with LocalApiError carrying the agent's code and message.
import type { DevicesUpdate, MachinePorts, TechnicianErrorBody, TechnicianStatus, TestPrintAnswer, TestReadAnswer, AgentDeviceReport } from '../../agent/technician/api-types';

export class LocalApiError extends Error {
  override readonly name = 'LocalApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(method: 'GET' | 'PUT' | 'POST', path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/local/api${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
      ...(signal && { signal }),
      cache: 'no-store',
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new LocalApiError(0, 'unreachable', (err as Error).message);
  }
  const data = (await res.json().catch(() => null)) as unknown;
  if (!res.ok) {
    const error = (data as Partial<TechnicianErrorBody> | null)?.error;
    throw new LocalApiError(res.status, error?.code ?? 'unknown', error?.message ?? `HTTP ${res.status}`);
  }
  return data as T;
}

const seg = (id: string) => encodeURIComponent(id);

export const localApi = {
  status: (signal?: AbortSignal) => call<TechnicianStatus>('GET', '/status', undefined, signal),
  ports: (signal?: AbortSignal) => call<MachinePorts>('GET', '/ports', undefined, signal),
  saveDevices: (update: DevicesUpdate) => call<{ devices: AgentDeviceReport[] }>('PUT', '/devices', update),
  testPrint: (id: string) => call<TestPrintAnswer>('POST', `/devices/${seg(id)}/test-print`, {}),
  testRead: (id: string, signal?: AbortSignal) => call<TestReadAnswer>('POST', `/devices/${seg(id)}/test-read`, {}, signal),
};
