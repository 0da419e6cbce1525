// Which dialog is open and what its answer sends: 转窗 (queue or counter), 特呼 (ticket +
// reason), 挂起 (reason + minutes), 恢复挂起 (a set-aside ticket), 过号重排 (a number).
import type { CounterAction, CounterViewDTO } from '../../hall/api/dto';
import type { CounterActionBody } from '../../hall/api/contract';
import { useT, type MessageParams } from '../shared/i18n';
import type { DialogCommand } from './keys';
import { TransferPicker } from './TransferPicker';
import { SpecialCallDialog } from './SpecialCallDialog';
import { SuspendDialog } from './SuspendDialog';
import { TicketPickDialog } from './TicketPickDialog';

export interface DialogState {
  command: DialogCommand;
  /** 过号重排 opened from the side list: the number to prefill. */
  number?: string;
}

export interface CounterDialogsProps {
  dialog: DialogState;
  data: CounterViewDTO;
  onClose: () => void;
  onAction: (action: CounterAction, body: CounterActionBody, params: MessageParams) => void;
  onRejoin: (number: string) => void;
}

export function CounterDialogs({ dialog, data, onClose, onAction, onRejoin }: CounterDialogsProps) {
  const t = useT();
  const number = data.current?.number ?? '';
  switch (dialog.command) {
    case 'transfer':
      return (
        <TransferPicker
          number={number}
          targets={data.transferTargets}
          counters={data.transferCounters}
          onCancel={onClose}
          onPick={(target) => {
            const counter = data.transferCounters.find((c) => c.id === target.toCounterId);
            const label = counter ? t('counter.numbered', { number: counter.number }) : (data.transferTargets.find((q) => q.id === target.toQueueId)?.name ?? '');
            onAction('transfer', target, { target: label });
          }}
        />
      );
    case 'call_specific':
      return <SpecialCallDialog callable={data.callable} onCancel={onClose} onSubmit={(ref, reason) => onAction('call_specific', { ...ref, reason }, {})} />;
    case 'suspend':
      return (
        <SuspendDialog
          number={number}
          defaultMinutes={data.suspendRules.defaultMinutes}
          maxMinutes={data.suspendRules.maxMinutes}
          onCancel={onClose}
          onSubmit={(reason, minutes) => onAction('suspend', { reason, minutes }, { minutes })}
        />
      );
    case 'resume_suspended':
      return (
        <TicketPickDialog
          title={t('counterDialog.resumeTitle')}
          testId="resume-dialog"
          listLabel={t('counterPage.suspended')}
          empty={t('counterDialog.resumeNone')}
          typing={false}
          submitLabel={t('counterPage.action.resume_suspended')}
          items={data.suspended.map((s) => ({ id: s.id, number: s.number, text: `${s.reason} · ${t('counterPage.minutesLeft', { count: s.minutesLeft })}` }))}
          onCancel={onClose}
          onPick={(item) => onAction('resume_suspended', 'id' in item ? { ticketId: item.id } : { number: item.number }, {})}
        />
      );
    case 'rejoin':
      return (
        <TicketPickDialog
          title={t('counterDialog.rejoinTitle')}
          testId="rejoin-dialog"
          hint={t('counterDialog.rejoinHint')}
          listLabel={t('counterDialog.rejoinList')}
          empty={t('counterPage.rejoinableEmpty')}
          typing
          initialNumber={dialog.number}
          submitLabel={t('counterDialog.rejoinSubmit')}
          items={data.rejoinable.map((r) => ({ id: r.id, number: r.number, text: `${r.matterName} · ${t('counterPage.minutesLeft', { count: r.minutesLeft })}` }))}
          onCancel={onClose}
          onPick={(item) => onRejoin('number' in item ? item.number : (data.rejoinable.find((r) => r.id === item.id)?.number ?? ''))}
        />
      );
  }
}
