// 投诉 / 上门服务 at the kiosk (docs/service-records.md): one touch in the header opens the
// records screen (KioskRecordsScreen, fetched when first opened). The kiosk remounts this
// button (a new key) per visitor, which closes the screen.
import { useState } from 'react';
import type { HallInfoDTO } from '../../../hall/api/dto';
import type { PageConnection } from '../../shared/page/connection';
import { useT } from '../../shared/i18n';
import { KioskRecordsScreen, LazyScreen } from '../lazyScreens';

export function KioskRecordsButton({ connection, matters }: { connection: PageConnection; matters: HallInfoDTO['matters'] }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="kiosk-tool" onClick={() => setOpen(true)} data-testid="kiosk-records-open">
        {t('kioskRecords.open')}
      </button>
      {open ? (
        <LazyScreen fallback={null}>
          <KioskRecordsScreen client={connection.client} matters={matters} onClose={() => setOpen(false)} />
        </LazyScreen>
      ) : null}
    </>
  );
}
