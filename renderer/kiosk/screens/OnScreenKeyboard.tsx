// On-screen keyboard for a touch kiosk without a physical one: letters for pinyin and
// pinyin initials (BDC), digits for matter codes and staff numbers. Chinese comes from the
// pinyin candidate bar a search screen puts on top (`top`, PinyinCandidates.tsx), or from
// a physical keyboard's input method.
import type { ReactNode } from 'react';
import { useT } from '../../shared/i18n';

const letterRows = ['1234567890', 'QWERTYUIOP', 'ASDFGHJKL', 'ZXCVBNM'];
const digitRows = ['123', '456', '789', '0'];

export interface OnScreenKeyboardProps {
  layout?: 'letters' | 'digits';
  onKey: (char: string) => void;
  onDelete: () => void;
  onClear?: () => void;
  onHide?: () => void;
  /** Shown above the keys: the pinyin candidate bar on search screens. */
  top?: ReactNode;
}

export function OnScreenKeyboard({ layout = 'letters', onKey, onDelete, onClear, onHide, top }: OnScreenKeyboardProps) {
  const t = useT();
  const rows = layout === 'letters' ? letterRows : digitRows;
  return (
    <div className={`kiosk-keyboard kiosk-keyboard-${layout}`} data-testid="kiosk-keyboard">
      {top}
      {rows.map((row) => (
        <div className="kiosk-keyboard-row" key={row}>
          {[...row].map((ch) => (
            <button
              type="button"
              key={ch}
              className="kiosk-key"
              onClick={() => onKey(layout === 'letters' ? ch.toLowerCase() : ch)}
              data-testid="kiosk-key"
              data-key={ch}
            >
              {ch}
            </button>
          ))}
        </div>
      ))}
      <div className="kiosk-keyboard-row">
        <button type="button" className="kiosk-key kiosk-key-wide" onClick={onDelete} data-testid="kiosk-key-delete">
          {t('kiosk.keyboard.delete')}
        </button>
        {onClear ? (
          <button type="button" className="kiosk-key kiosk-key-wide" onClick={onClear} data-testid="kiosk-key-clear">
            {t('kiosk.search.clear')}
          </button>
        ) : null}
        {onHide ? (
          <button type="button" className="kiosk-key kiosk-key-wide" onClick={onHide} data-testid="kiosk-key-hide">
            {t('kiosk.keyboard.hide')}
          </button>
        ) : null}
      </div>
    </div>
  );
}
