// 窗口: sign-in for this terminal's counter, then the workspace. The staff session is kept
// per tab (sessionStorage), so a reload returns straight to the work in hand.
import { useState } from 'react';
import type { HallInfoDTO } from '../../hall/api/dto';
import { useT, type MessageKey } from '../shared/i18n';
import type { PageConnection } from '../shared/page/connection';
import { useStaffSession } from '../shared/page/staffSession';
import { useHallClockSync } from '../shared/hooks/useHallClockSync';
import { useHallView, useLiveStatus } from '../shared/hooks/useHallView';
import { ConnectionBanner } from '../shared/components/ConnectionBanner';
import { ErrorMessage } from '../shared/components/ErrorMessage';
import { StaffSignIn } from '../shared/components/StaffSignIn';
import { Workspace } from './Workspace';

export function CounterApp({ connection, counterId }: { connection: PageConnection; counterId: string | null }) {
  const t = useT();
  const { client, live, staff } = connection;
  const session = useStaffSession(staff!);
  const [notice, setNotice] = useState<MessageKey | null>(null);
  const liveStatus = useLiveStatus(live);
  useHallClockSync(client);
  // Before sign-in the counter's number and name come from the hall overview.
  const hall = useHallView<HallInfoDTO>((signal) => client.call('hall', { signal }), {
    live,
    key: 'hall',
    enabled: !session && connection.token !== null,
  });
  const summary = hall.data?.counters.find((c) => c.id === counterId);
  const counterTitle = summary ? `${t('counter.numbered', { number: summary.number })} ${summary.name}` : t('counterPage.title');

  if (!connection.token) return <Fatal message="error.noToken" />;
  if (!counterId) return <Fatal message="error.noCounter" />;

  const signIn = async (staffNo: string, pin: string) => {
    const result = await client.call('counterSignIn', { params: { counterId }, body: { staffNo, pin } });
    setNotice(null);
    staff!.set(result);
  };

  const expired = () => {
    setNotice('signIn.expired');
    staff!.clear();
  };

  return (
    <div className="counter-page">
      <ConnectionBanner show={liveStatus === 'offline'} />
      {session ? (
        <Workspace connection={connection} counterId={counterId} session={session} onSessionExpired={expired} />
      ) : (
        <div className="counter-sign-in">
          <StaffSignIn
            key={notice ?? 'fresh'}
            title={t('counterPage.signInTitle', { counter: counterTitle })}
            onSignIn={signIn}
            notice={notice}
          />
        </div>
      )}
    </div>
  );
}

function Fatal({ message }: { message: MessageKey }) {
  return (
    <div className="counter-page counter-fatal">
      <ErrorMessage message={message} testId="counter-fatal" />
    </div>
  );
}
