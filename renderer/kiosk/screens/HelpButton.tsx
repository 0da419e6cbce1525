// 呼叫工作人员 on every kiosk screen: one touch alerts the guide's station (the admin page)
// with this kiosk's name; the visitor sees that staff were called, then that someone is on
// the way when staff acknowledge (the live `help` message). A failure says so in plain words.
// The kiosk remounts it (a new key) when a visitor leaves, so the next one starts fresh.
import { useEffect, useState } from 'react';
import { useT } from '../../shared/i18n';
import type { PageConnection } from '../../shared/page/connection';

type Status = { kind: 'idle' } | { kind: 'sending' } | { kind: 'sent'; id: string } | { kind: 'acknowledged' } | { kind: 'failed' };

const STATUS_KEY = {
  sending: 'kiosk.help.sending',
  sent: 'kiosk.help.sent',
  acknowledged: 'kiosk.help.acknowledged',
  failed: 'kiosk.help.failed',
} as const;

export function HelpButton({ connection }: { connection: PageConnection }) {
  const t = useT();
  const { client, live } = connection;
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const waitingFor = status.kind === 'sent' ? status.id : null;

  useEffect(() => {
    if (!live || !waitingFor) return undefined;
    return live.onSignal((s) => {
      if (s.type === 'help' && s.request.id === waitingFor && s.request.acknowledgedAt !== null) setStatus({ kind: 'acknowledged' });
    });
  }, [live, waitingFor]);

  const call = async () => {
    if (status.kind === 'sending') return;
    setStatus({ kind: 'sending' });
    try {
      const request = await client.call('helpRequest', { body: {} });
      setStatus(request.acknowledgedAt === null ? { kind: 'sent', id: request.id } : { kind: 'acknowledged' });
    } catch {
      setStatus({ kind: 'failed' });
    }
  };

  return (
    <div className="kiosk-help" data-testid="kiosk-help" data-status={status.kind}>
      <button type="button" className="kiosk-help-button" onClick={() => void call()} data-testid="kiosk-help-button">
        {t('kiosk.help.button')}
      </button>
      {status.kind !== 'idle' ? (
        <p className="kiosk-help-status" role="status" data-testid="kiosk-help-status">
          {t(STATUS_KEY[status.kind])}
        </p>
      ) : null}
    </div>
  );
}
