// The page list at the site root: where each terminal's page lives. Terminals open their
// page with the registration address (#token=…); this list is for people setting up.
import { mountPage } from './shared/page/mount';
import { useT, type MessageKey } from './shared/i18n';

const pages: { path: string; label: MessageKey }[] = [
  { path: '/kiosk/', label: 'index.kiosk' },
  { path: '/counter/', label: 'index.counter' },
  { path: '/display/', label: 'index.display' },
  { path: '/counter-display/', label: 'index.counterDisplay' },
  { path: '/admin/', label: 'index.admin' },
  { path: '/ticket/', label: 'index.ticket' },
];

function PageList() {
  const t = useT();
  return (
    <main style={{ maxWidth: '40em', margin: '2em auto', padding: '0 1em' }}>
      <h1>{t('index.title')}</h1>
      <ul data-testid="page-list">
        {pages.map((p) => (
          <li key={p.path} style={{ margin: '0.6em 0' }}>
            <a href={p.path}>{t(p.label)}</a> <code>{p.path}</code>
          </li>
        ))}
      </ul>
      <p>{t('index.hint')}</p>
    </main>
  );
}

mountPage('index.title', <PageList />);
