// The complaint (现场投诉) and 上门服务 request forms, shared by the kiosk screen and the
// counter's 办件 panel (docs/service-records.md). Contact fields are sent to the hall, which
// seals them; nothing here keeps them after submit.
import { useState } from 'react';
import type { InputHTMLAttributes, ReactNode } from 'react';
import type { BodyOf, ReplyOf } from '../../../hall/api/contract';
import { useT, type MessageKey } from '../i18n';
import { wallClock } from '../format/time';

type ComplaintBody = BodyOf<'kioskComplaint'>;
type CaseFactsDTO = ReplyOf<'counterCases'>['cases'][number];
type HomeVisitBody = BodyOf<'kioskHomeVisit'>;

const CATEGORIES: ComplaintBody['category'][] = ['attitude', 'efficiency', 'refused', 'environment', 'other'];

/** "2026-11-26": the last day of a deadline that ends at the close (local midnight) of that day. */
export function lastDay(dueAt: number): string {
  const w = wallClock(dueAt - 1);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

/** A form that never reloads the page: `onSend` runs on submit (Enter or the submit button). */
export function FormFrame({ onSend, className = 'record-form', testId, children }: { onSend: () => void; className?: string; testId?: string; children: ReactNode }) {
  return (
    <form
      className={className}
      data-testid={testId}
      onSubmit={(e) => {
        e.preventDefault();
        onSend();
      }}
    >
      {children}
    </form>
  );
}

/** A labelled choice among options; `blank` adds an empty first option (nothing chosen yet). */
export function Choice(props: { label: string; value: string; onValue: (v: string) => void; options: { id: string; label: string }[]; testId: string; blank?: boolean }) {
  return (
    <label>
      {props.label}
      <select value={props.value} onChange={(e) => props.onValue(e.target.value)} required={props.blank} data-testid={props.testId}>
        {props.blank ? <option value="" /> : null}
        {props.options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A labelled one-line input; `onValue` gets the text. */
export function Field({ label, value, onValue, testId, ...input }: { label: string; value: string | number; onValue: (v: string) => void; testId: string } & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'>) {
  return (
    <label>
      {label}
      <input {...input} value={value} onChange={(e) => onValue(e.target.value)} data-testid={testId} />
    </label>
  );
}

/** What every list shows of a case: ticket, matter, status, owner (首问负责), the dates and the 限时办结 state. */
export function CaseFacts({ c }: { c: CaseFactsDTO }) {
  const t = useT();
  return (
    <>
      {c.ticketNumber ? <span>{t('records.ticket', { number: c.ticketNumber })}</span> : null}
      <span>{c.matterName}</span>
      <span>{t(`records.status.${c.status}` as MessageKey)}</span>
      {c.ownerCounterNumber !== null ? <span>{t('records.owner', { counter: t('counter.numbered', { number: c.ownerCounterNumber }) })}</span> : null}
      {c.status === 'pending_materials' && c.materialsDueAt ? <span>{t('records.materialsDue', { date: lastDay(c.materialsDueAt) })}</span> : null}
      {c.status === 'accepted' && c.dueAt ? <span>{t('records.due', { date: lastDay(c.dueAt) })}</span> : null}
      {c.limitState && c.limitState !== 'ok' ? <span className={`records-limit-${c.limitState}`}>{t(`records.limit.${c.limitState}` as MessageKey)}</span> : null}
    </>
  );
}

/** The optional contact of a complaint: only the parts given. */
function contactOf(name: string, phone: string): { contact?: { name?: string; phone?: string } } {
  const contact = { ...(name.trim() ? { name: name.trim() } : {}), ...(phone.trim() ? { phone: phone.trim() } : {}) };
  return Object.keys(contact).length ? { contact } : {};
}

export function ComplaintForm({ onSubmit, testId }: { onSubmit: (body: ComplaintBody) => void; testId: string }) {
  const t = useT();
  const [category, setCategory] = useState<ComplaintBody['category']>('attitude');
  const [content, setContent] = useState('');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  return (
    <FormFrame testId={testId} onSend={() => onSubmit({ category, content: content.trim(), ...contactOf(name, phone) })}>
      <fieldset>
        <legend>{t('complaint.category')}</legend>
        {CATEGORIES.map((c) => (
          <button key={c} type="button" aria-pressed={c === category} className={c === category ? 'selected' : ''} onClick={() => setCategory(c)} data-testid="complaint-category" data-category={c}>
            {t(`complaint.category.${c}` as MessageKey)}
          </button>
        ))}
      </fieldset>
      <label>
        {t('complaint.content')}
        <textarea value={content} onChange={(e) => setContent(e.target.value)} rows={3} minLength={5} maxLength={1000} required data-testid="complaint-content" />
      </label>
      <Field label={t('complaint.name')} value={name} onValue={setName} testId="complaint-name" maxLength={30} />
      <Field label={t('complaint.phone')} value={phone} onValue={setPhone} testId="complaint-phone" inputMode="tel" maxLength={20} />
      <button type="submit" className="big-button" data-testid="complaint-submit">
        {t('records.submit')}
      </button>
    </FormFrame>
  );
}

export function HomeVisitForm({ matters, onSubmit, testId }: { matters: { id: string; name: string }[]; onSubmit: (body: HomeVisitBody) => void; testId: string }) {
  const t = useT();
  const [matterId, setMatterId] = useState(matters[0]?.id ?? '');
  const [reason, setReason] = useState('');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [address, setAddress] = useState('');
  return (
    <FormFrame testId={testId} onSend={() => onSubmit({ matterId, reason: reason.trim(), contact: { name: name.trim(), phone: phone.trim(), address: address.trim() } })}>
      <p className="record-hint">{t('homeVisit.hint')}</p>
      <Choice label={t('homeVisit.matter')} value={matterId} onValue={setMatterId} options={matters.map((m) => ({ id: m.id, label: m.name }))} testId="visit-matter" />
      <Field label={t('homeVisit.reason')} value={reason} onValue={setReason} testId="visit-reason" minLength={2} maxLength={300} required />
      <Field label={t('homeVisit.name')} value={name} onValue={setName} testId="visit-name" maxLength={30} required />
      <Field label={t('homeVisit.phone')} value={phone} onValue={setPhone} testId="visit-phone" inputMode="tel" maxLength={20} required />
      <Field label={t('homeVisit.address')} value={address} onValue={setAddress} testId="visit-address" minLength={4} maxLength={200} required />
      <button type="submit" className="big-button" data-testid="visit-submit">
        {t('records.submit')}
      </button>
    </FormFrame>
  );
}
