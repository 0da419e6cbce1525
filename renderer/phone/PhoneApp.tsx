// The visitor's phone page on central (/m/, issue 16): a ticket's progress and rating, the hall's
// queues now and its 办事指南, in tabs; plus the tabs and ticket panels other features register
// (extensions.ts). Works inside a WeChat / 蒙速办 web view: plain fetch and DOM, no service worker,
// no storage beyond the large-type switch, no pop-ups; speech only where the browser offers it.
import { useState } from 'react';
import { useT, type MessageKey } from '../shared/i18n';
import { LargeTypeToggle } from '../shared/components/LargeTypeToggle';
import { LanguageSwitch } from '../shared/components/LanguageSwitch';
import { ErrorMessage } from '../shared/components/ErrorMessage';
import type { PhoneAddress } from './address';
import { extraTabs, type PhoneContext } from './extensions';
import { TicketScreen } from './TicketScreen';
import { QueuesScreen } from './QueuesScreen';
import { GuidesScreen } from './GuidesScreen';

interface Tab {
  id: string;
  label: MessageKey;
}

export function PhoneApp({ address }: { address: PhoneAddress }) {
  const t = useT();
  const { hallId, ticket } = address;
  const builtIn: Tab[] = hallId
    ? [...(ticket ? [{ id: 'ticket', label: 'phone.tab.ticket' as const }] : []), { id: 'queues', label: 'phone.tab.queues' }, { id: 'guides', label: 'phone.tab.guides' }]
    : [];
  const [tab, setTab] = useState<string>(() => address.view ?? (ticket ? 'ticket' : 'queues'));
  const go = (id: string) => {
    setTab(id);
    // Keep the tab in the address: a reload (or a web view restored from the background) comes back to it.
    const url = new URL(window.location.href);
    url.searchParams.set('view', id);
    window.history.replaceState(null, '', url);
  };
  const ctx: PhoneContext = { hallId, ticket, go };
  const extra = extraTabs.filter((x) => x.available?.(ctx) ?? true);
  const tabs: Tab[] = [...builtIn, ...extra.map((x) => ({ id: x.id, label: x.label }))];
  const shown = tabs.some((x) => x.id === tab) ? tab : (tabs[0]?.id ?? null);

  let body;
  if (!hallId && extra.length === 0) body = <ErrorMessage message={ticket ? 'phone.badLink' : 'phone.noTicket'} testId="phone-error" />;
  else if (shown === 'ticket' && hallId && ticket) body = <TicketScreen hallId={hallId} ticket={ticket} ctx={ctx} />;
  else if (shown === 'queues' && hallId) body = <QueuesScreen hallId={hallId} />;
  else if (shown === 'guides' && hallId) body = <GuidesScreen hallId={hallId} initialCode={address.matter} />;
  else body = extra.find((x) => x.id === shown)?.render(ctx) ?? null;

  return (
    <div className="tp ph">
      <header className="tp-header ph-header">
        <span className="ph-title">{t('phone.title')}</span>
        <div className="ph-tools">
          <LanguageSwitch className="ph-languages" />
          <LargeTypeToggle />
        </div>
      </header>
      {tabs.length > 1 ? (
        <nav className="ph-tabs" aria-label={t('phone.tabs')}>
          {tabs.map((x) => (
            <button key={x.id} type="button" aria-current={x.id === shown ? 'page' : undefined} onClick={() => go(x.id)} data-testid={`phone-tab-${x.id}`}>
              {t(x.label)}
            </button>
          ))}
        </nav>
      ) : null}
      <main className="tp-main ph-main">{body}</main>
    </div>
  );
}
