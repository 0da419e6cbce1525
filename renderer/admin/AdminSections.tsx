// The admin page's sections and their navigation: a bar of eight sections a manager looks for
// (今日概况, 队列与窗口, 评价与差评, 统计报表, 预约, 设备, 数据同步, 设置与模拟), each a titled block of
// the page the bar jumps to. Every panel of the page lives in one section (AdminApp.tsx).
// Contract: sections stay mounted (live panels keep updating, and every panel stays reachable);
// the bar marks the section last chosen or scrolled to.
import { useEffect, useState, type ReactNode } from 'react';
import { useT, type MessageKey } from '../shared/i18n';

export const SECTIONS = ['today', 'queues', 'ratings', 'reports', 'appointments', 'devices', 'sync', 'settings'] as const;
export type SectionId = (typeof SECTIONS)[number];

export function AdminNav() {
  const t = useT();
  const [active, setActive] = useState<SectionId>('today');
  useEffect(() => {
    if (typeof IntersectionObserver === 'undefined') return;
    const seen = new Map<string, boolean>();
    const observer = new IntersectionObserver(
      (entries) => {
        for (const e of entries) seen.set(e.target.id, e.isIntersecting);
        const first = SECTIONS.find((s) => seen.get(`section-${s}`));
        if (first) setActive(first);
      },
      { rootMargin: '-80px 0px -60% 0px' },
    );
    for (const s of SECTIONS) {
      const el = document.getElementById(`section-${s}`);
      if (el) observer.observe(el);
    }
    return () => observer.disconnect();
  }, []);
  return (
    <nav className="admin-nav admin-no-print" aria-label={t('nav.label')} data-testid="admin-nav">
      {SECTIONS.map((s) => (
        <a
          key={s}
          href={`#section-${s}`}
          className={active === s ? 'is-active' : ''}
          aria-current={active === s ? 'true' : undefined}
          data-testid={`admin-nav-${s}`}
          onClick={(e) => {
            e.preventDefault();
            setActive(s);
            document.getElementById(`section-${s}`)?.scrollIntoView({ block: 'start' });
            history.replaceState(null, '', `#section-${s}`);
          }}
        >
          {t(`nav.${s}` as MessageKey)}
        </a>
      ))}
    </nav>
  );
}

export function AdminSection({ id, children }: { id: SectionId; children: ReactNode }) {
  const t = useT();
  return (
    <div id={`section-${id}`} className={`admin-section admin-section-${id}`} data-testid={`admin-section-${id}`}>
      <h2 className="admin-section-title">{t(`nav.${id}` as MessageKey)}</h2>
      {children}
    </div>
  );
}
