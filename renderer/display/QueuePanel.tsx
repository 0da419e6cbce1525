// Waiting counts per queue on the hall display, sized to be read across the hall (10 m): the
// count itself is the largest text after the calls (≥ 80 px on a 1080-line screen, twice that
// on 2160 lines — sizes are in vw), the queue's name beside it. At most four per row; a hall
// with more than two rows of queues gets proportionally smaller type (--queue-scale), never
// cut-off names (tests/e2e/layout-displays.test.ts).
import type { QueueDTO } from '../../hall/api/dto';
import { useT } from '../shared/i18n';

const PER_ROW = 4;

export function QueuePanel({ queues }: { queues: QueueDTO[] }) {
  const t = useT();
  const columns = Math.max(1, Math.min(PER_ROW, queues.length));
  const rows = Math.max(1, Math.ceil(queues.length / columns));
  const style = { gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`, ['--queue-scale' as string]: String(Math.min(1, 2 / rows)) };
  return (
    <ul className="display-queues" aria-label={t('display.queues')} data-testid="display-queues" style={style}>
      {queues.map((q) => (
        <li key={q.id} className="display-queue" data-testid="display-queue" data-queue-id={q.id} data-waiting={q.waiting}>
          <span className="display-queue-name">
            <span className="display-queue-prefix number">{q.prefix}</span> {q.name}
          </span>
          <span className="display-queue-count" data-testid="display-queue-count">
            {t('display.queueCount', { count: q.waiting })}
          </span>
        </li>
      ))}
    </ul>
  );
}
