// Per device: 测试打印 (printers) shows the preview of exactly what was sent and the outcome;
// 读卡测试 (ID readers) waits for a card and shows it masked. One test at a time per device.
import { useEffect, useRef, useState } from 'react';
import type { AgentDeviceReport, TestPrintAnswer } from '../../agent/technician/api-types';
import { useT, type MessageKey, type MessageParams } from '../shared/i18n';
import { svgDataUrl } from '../shared/devices/devices';
import { localApi, LocalApiError } from './api';

type Outcome = { ok: boolean; key: MessageKey; params?: MessageParams; preview?: string };

const PRINT_WORDS: Record<TestPrintAnswer['print']['status'], { ok: boolean; key: MessageKey }> = {
  printed: { ok: true, key: 'technician.test.printed' },
  unconfirmed: { ok: true, key: 'technician.test.unconfirmed' },
  failed: { ok: false, key: 'technician.test.printFailed' },
  unknown: { ok: false, key: 'technician.test.printUnknown' },
  not_printed: { ok: false, key: 'technician.test.printFailed' },
};

function failure(err: unknown): Outcome {
  if (err instanceof LocalApiError && err.code === 'no_card') return { ok: false, key: 'technician.test.noCard' };
  if (err instanceof LocalApiError && err.status === 0) return { ok: false, key: 'technician.error.unreachable' };
  const e = err as LocalApiError;
  return { ok: false, key: 'technician.error.refused', params: { message: e.message, code: e.code ?? '' } };
}

export function DeviceTests({ device }: { device: AgentDeviceReport }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const testPrint = async () => {
    setBusy(true);
    setOutcome(null);
    try {
      const answer = await localApi.testPrint(device.id);
      const words = PRINT_WORDS[answer.print.status];
      setOutcome({ ...words, params: { message: answer.print.message ?? '', code: answer.print.code ?? '' }, preview: svgDataUrl(answer.previewSvg) });
    } catch (err) {
      setOutcome(failure(err));
    } finally {
      setBusy(false);
    }
  };

  const testRead = async () => {
    const controller = new AbortController();
    abort.current = controller;
    setBusy(true);
    setOutcome({ ok: true, key: 'technician.test.waitingCard' });
    try {
      const { card } = await localApi.testRead(device.id, controller.signal);
      setOutcome({ ok: true, key: 'technician.test.cardRead', params: { name: card.maskedName, number: card.maskedIdNumber } });
    } catch (err) {
      if ((err as Error).name === 'AbortError') setOutcome({ ok: false, key: 'technician.test.readCancelled' });
      else setOutcome(failure(err));
    } finally {
      abort.current = null;
      setBusy(false);
    }
  };

  if (device.kind !== 'printer' && device.kind !== 'id_reader') return null;
  return (
    <div className="tech-tests">
      {device.kind === 'printer' ? (
        <button type="button" className="tech-button" disabled={busy} onClick={() => void testPrint()} data-testid="tech-test-print">
          {t(busy ? 'technician.test.printing' : 'technician.test.print')}
        </button>
      ) : busy ? (
        <button type="button" className="tech-button secondary" onClick={() => abort.current?.abort()} data-testid="tech-test-read-cancel">
          {t('technician.test.cancelRead')}
        </button>
      ) : (
        <button type="button" className="tech-button" onClick={() => void testRead()} data-testid="tech-test-read">
          {t('technician.test.read')}
        </button>
      )}
      {outcome ? (
        <div className={`tech-outcome ${outcome.ok ? 'tech-ok' : 'tech-bad'}`} role="status" data-testid="tech-test-outcome" data-ok={String(outcome.ok)}>
          <p>{t(outcome.key, outcome.params)}</p>
          {outcome.preview ? <img className="tech-preview" src={outcome.preview} alt={t('technician.test.previewAlt')} data-testid="tech-test-preview" /> : null}
        </div>
      ) : null}
    </div>
  );
}
