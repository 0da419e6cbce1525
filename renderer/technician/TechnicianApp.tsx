// The technician's page: status of this terminal, its devices, the machine's ports and
// the assign form. Polls the agent's status every few seconds (health changes show by
// themselves); the ports are read on open and on 刷新 (listing USB can be slow).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LocalDeviceConfig, MachinePorts, TechnicianStatus } from '../../agent/technician/api-types';
import { useT, type MessageKey, type MessageParams } from '../shared/i18n';
import { localApi, LocalApiError } from './api';
import { StatusHeader } from './StatusHeader';
import { DeviceList } from './DeviceList';
import { PortsPanel } from './PortsPanel';
import { AssignForm } from './AssignForm';
import { declarationOf, deviceFromForm, emptyForm, formFromDevice, pickPort, removeDevice, upsertDevice, withKind, type DeviceForm, type FormErrors } from './declaration';

const POLL_MS = 3000;

type Notice = { ok: boolean; key: MessageKey; params?: MessageParams };

function refusal(err: unknown): Notice {
  if (err instanceof LocalApiError && err.status === 0) return { ok: false, key: 'technician.error.unreachable' };
  const e = err as LocalApiError;
  return { ok: false, key: 'technician.error.refused', params: { message: e.message, code: e.code ?? '' } };
}

export function TechnicianApp() {
  const t = useT();
  const [status, setStatus] = useState<TechnicianStatus | null>(null);
  const [statusError, setStatusError] = useState<Notice | null>(null);
  const [ports, setPorts] = useState<MachinePorts | null>(null);
  const [portsLoading, setPortsLoading] = useState(true);
  const [portsError, setPortsError] = useState<string | null>(null);
  const [form, setForm] = useState<DeviceForm>(() => emptyForm());
  const [errors, setErrors] = useState<FormErrors>({});
  const [editing, setEditing] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);

  // Answers may arrive out of order (a poll sent before a save can land after the save's
  // reload): only an answer to a later request than the one shown replaces it.
  const asked = useRef(0);
  const shown = useRef(0);
  const fetchStatus = useCallback((signal?: AbortSignal) => {
    const seq = ++asked.current;
    return localApi.status(signal).then((next) => ({ seq, next }));
  }, []);

  const showStatus = useCallback(({ seq, next }: { seq: number; next: TechnicianStatus }) => {
    if (seq < shown.current) return;
    shown.current = seq;
    setStatus(next);
    setStatusError(null);
    // A fresh form suggests an id for this terminal ("kiosk-2-printer") once it is known.
    if (next.terminalId) setForm((f) => (f.id === emptyForm(f.kind).id ? withKind(f, f.kind, next.terminalId) : f));
  }, []);

  const reloadStatus = useCallback(
    () =>
      fetchStatus().then(showStatus, (err: unknown) => setStatusError(refusal(err))),
    [fetchStatus, showStatus],
  );

  const fetchPorts = useCallback(
    () =>
      localApi.ports().then(
        (list) => {
          setPorts(list);
          setPortsError(null);
          setPortsLoading(false);
        },
        (err: Error) => {
          setPortsError(err.message);
          setPortsLoading(false);
        },
      ),
    [],
  );

  useEffect(() => {
    const controller = new AbortController();
    const tick = () =>
      fetchStatus(controller.signal).then(showStatus, (err: Error) => {
        if (err.name !== 'AbortError') setStatusError(refusal(err));
      });
    void tick();
    void fetchPorts();
    const timer = setInterval(() => void tick(), POLL_MS);
    return () => {
      controller.abort();
      clearInterval(timer);
    };
  }, [fetchStatus, showStatus, fetchPorts]);

  const refreshPorts = () => {
    setPortsLoading(true);
    void fetchPorts();
  };

  const terminalId = status?.terminalId ?? null;

  const save = async (devices: LocalDeviceConfig[], done: Notice, hallDefaults?: boolean) => {
    setSaving(true);
    setNotice(null);
    try {
      await localApi.saveDevices({ devices, ...(hallDefaults !== undefined && { hallDefaults }) });
      setNotice(done);
      await reloadStatus();
      return true;
    } catch (err) {
      setNotice(refusal(err));
      return false;
    } finally {
      setSaving(false);
    }
  };

  const submit = async () => {
    if (!status) return;
    const result = deviceFromForm(form);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    const ok = await save(upsertDevice(status.localDevices, result.device, editing ?? undefined), { ok: true, key: 'technician.saved', params: { id: result.device.id } });
    if (ok) {
      setEditing(null);
      setForm(emptyForm(form.kind, terminalId));
    }
  };

  const edit = (id: string) => {
    const declared = status ? declarationOf(status, id) : undefined;
    if (!declared) return;
    setEditing(id);
    setErrors({});
    setForm(formFromDevice(declared));
    document.getElementById('tech-form-title')?.scrollIntoView({ block: 'start' });
    document.getElementById('tech-kind')?.focus();
  };

  const remove = (id: string) => {
    if (!status) return;
    if (!window.confirm(t('technician.devices.confirmRemove', { id }))) return;
    void save(removeDevice(status.localDevices, id), { ok: true, key: 'technician.removed', params: { id } });
  };

  const pick = (source: 'serial' | 'usb_lp' | 'hid', path: string) => {
    const next = pickPort(form, source, path);
    if (next === form) {
      setNotice({ ok: false, key: 'technician.ports.wrongKind' });
      return;
    }
    setForm(next);
    document.getElementById('tech-path')?.focus();
  };

  return (
    <main className="tech-page">
      <header className="tech-header">
        <h1>{t('technician.title')}</h1>
        <p className="tech-muted">{t('technician.subtitle')}</p>
      </header>
      {statusError ? (
        <p className="tech-note tech-bad" role="alert" data-testid="tech-status-error">
          {t(statusError.key, statusError.params)}
        </p>
      ) : null}
      {notice ? (
        <p className={`tech-notice ${notice.ok ? 'tech-ok' : 'tech-bad'}`} role="status" data-testid="tech-notice">
          {t(notice.key, notice.params)}
        </p>
      ) : null}
      {status ? (
        <>
          <StatusHeader status={status} />
          <DeviceList status={status} busy={saving} onEdit={edit} onRemove={remove} onHallDefaults={(use) => void save(status.localDevices, { ok: true, key: 'technician.savedDefaults' }, use)} />
          <div className="tech-columns">
            <PortsPanel ports={ports} loading={portsLoading} error={portsError} onRefresh={refreshPorts} onPick={pick} />
            <AssignForm
              form={form}
              errors={errors}
              editing={editing}
              saving={saving}
              onChange={setForm}
              onKind={(kind) => setForm((f) => withKind(f, kind, terminalId))}
              onSubmit={() => void submit()}
              onCancel={() => {
                setEditing(null);
                setErrors({});
                setForm(emptyForm(form.kind, terminalId));
              }}
            />
          </div>
        </>
      ) : !statusError ? (
        <p className="tech-muted">{t('app.loading')}</p>
      ) : null}
    </main>
  );
}
