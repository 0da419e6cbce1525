// The complaint (现场投诉) and 上门服务 request forms, shared by the kiosk screen and the
// counter's 办件 panel (docs/service-records.md). Contact fields are sent to the hall, which
// seals them; nothing here keeps them after submit.
import { useState } from 'react';
import type { BodyOf } from '../../../hall/api/contract';
import { useT, type MessageKey } from '../i18n';
import { wallClock } from '../format/time';

type ComplaintBody = BodyOf<'kioskComplaint'>;
type HomeVisitBody = BodyOf<'kioskHomeVisit'>;

const CATEGORIES: ComplaintBody['category'][] = ['attitude', 'efficiency', 'refused', 'environment', 'other'];

/** "2026-11-26": the last day of a deadline that ends at the close (local midnight) of that day. */
export function lastDay(dueAt: number): string {
  const w = wallClock(dueAt - 1);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

export function ComplaintForm({ onSubmit, testId }: { onSubmit: (body: ComplaintBody) => void; testId: string }) {
  const t = useT();
  const [category, setCategory] = useState<ComplaintBody['category']>('attitude');
  const [content, setContent] = useState('');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  return (
    <form
      className="record-form"
      data-testid={testId}
      onSubmit={(e) => {
        e.preventDefault();
        const contact = name.trim() || phone.trim() ? { ...(name.trim() ? { name: name.trim() } : {}), ...(phone.trim() ? { phone: phone.trim() } : {}) } : undefined;
        onSubmit({ category, content: content.trim(), ...(contact ? { contact } : {}) });
      }}
    >
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
      <label>
        {t('complaint.name')}
        <input value={name} onChange={(e) => setName(e.target.value)} maxLength={30} data-testid="complaint-name" />
      </label>
      <label>
        {t('complaint.phone')}
        <input value={phone} onChange={(e) => setPhone(e.target.value)} inputMode="tel" maxLength={20} data-testid="complaint-phone" />
      </label>
      <button type="submit" className="big-button" data-testid="complaint-submit">
        {t('records.submit')}
      </button>
    </form>
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
    <form
      className="record-form"
      data-testid={testId}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit({ matterId, reason: reason.trim(), contact: { name: name.trim(), phone: phone.trim(), address: address.trim() } });
      }}
    >
      <p className="record-hint">{t('homeVisit.hint')}</p>
      <label>
        {t('homeVisit.matter')}
        <select value={matterId} onChange={(e) => setMatterId(e.target.value)} data-testid="visit-matter">
          {matters.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('homeVisit.reason')}
        <input value={reason} onChange={(e) => setReason(e.target.value)} minLength={2} maxLength={300} required data-testid="visit-reason" />
      </label>
      <label>
        {t('homeVisit.name')}
        <input value={name} onChange={(e) => setName(e.target.value)} maxLength={30} required data-testid="visit-name" />
      </label>
      <label>
        {t('homeVisit.phone')}
        <input value={phone} onChange={(e) => setPhone(e.target.value)} inputMode="tel" maxLength={20} required data-testid="visit-phone" />
      </label>
      <label>
        {t('homeVisit.address')}
        <input value={address} onChange={(e) => setAddress(e.target.value)} minLength={4} maxLength={200} required data-testid="visit-address" />
      </label>
      <button type="submit" className="big-button" data-testid="visit-submit">
        {t('records.submit')}
      </button>
    </form>
  );
}
