import type { HallInfoDTO } from '../../../hall/api/dto';
import { useT } from '../../shared/i18n';
import { useLocalName } from '../../shared/i18n/names';
import { PriorityIcon } from '../../shared/components/Icons';
import { NavBar } from './NavBar';

export function GreenCategoryScreen({
  hall,
  onPick,
  onBack,
  onHome,
}: {
  hall: HallInfoDTO;
  onPick: (category: { id: string; label: string }) => void;
  onBack: () => void;
  onHome: () => void;
}) {
  const t = useT();
  const localName = useLocalName();
  return (
    <main className="kiosk-screen kiosk-green-category" data-testid="green-categories">
      <h1 className="kiosk-title kiosk-title-green">{t('kiosk.green.title')}</h1>
      <p className="kiosk-hint">{t('kiosk.green.categoryStep')}</p>
      <ul className="kiosk-tiles kiosk-green-tiles">
        {hall.greenCategories.map((c) => (
          <li key={c.id}>
            <button type="button" className="kiosk-tile kiosk-tile-green" onClick={() => onPick(c)} data-testid="green-category" data-category-id={c.id}>
              <PriorityIcon className="kiosk-tile-icon" />
              <span className="kiosk-tile-name">{localName(c.label, c.names)}</span>
            </button>
          </li>
        ))}
      </ul>
      <NavBar onBack={onBack} onHome={onHome} />
    </main>
  );
}
