import { useT } from '../../shared/i18n';

export function Pager({ page, pages, onPage }: { page: number; pages: number; onPage: (p: number) => void }) {
  const t = useT();
  if (pages <= 1) return null;
  return (
    <nav className="kiosk-pager">
      <button type="button" className="big-button secondary" disabled={page <= 0} onClick={() => onPage(page - 1)} data-testid="pager-prev">
        {t('action.prevPage')}
      </button>
      <span className="kiosk-pager-label" data-testid="pager-label">
        {t('action.page', { page: page + 1, pages })}
      </span>
      <button type="button" className="big-button secondary" disabled={page >= pages - 1} onClick={() => onPage(page + 1)} data-testid="pager-next">
        {t('action.nextPage')}
      </button>
    </nav>
  );
}
