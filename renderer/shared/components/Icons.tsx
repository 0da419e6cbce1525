// Pictograms drawn inline (no icon font, no network). Stroke icons on a 24×24 grid use
// currentColor so they follow the text colour and contrast rules.
import type { ReactNode, SVGProps } from 'react';
import type { RatingLevel } from '../../../hall/api/dto';

type IconProps = SVGProps<SVGSVGElement>;

function Svg({ children, ...props }: IconProps & { children: ReactNode }) {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false" {...props}>
      {children}
    </svg>
  );
}

const departmentIcons: Record<string, ReactNode> = {
  building: (
    <>
      <path d="M4 21V5l8-3 8 3v16" />
      <path d="M2 21h20M9 21v-4h6v4M8 8h2M14 8h2M8 12h2M14 12h2" />
    </>
  ),
  house: (
    <>
      <path d="M3 11l9-7 9 7" />
      <path d="M5 10v10h14V10M10 20v-6h4v6" />
    </>
  ),
  briefcase: (
    <>
      <rect x="3" y="7" width="18" height="13" rx="2" />
      <path d="M9 7V5a1 1 0 011-1h4a1 1 0 011 1v2M3 13h18" />
    </>
  ),
  shield: (
    <>
      <path d="M12 3l8 3v6c0 4.5-3.4 8-8 9-4.6-1-8-4.5-8-9V6z" />
      <path d="M9 12l2 2 4-4" />
    </>
  ),
  car: (
    <>
      <path d="M5 16V11l2-5h10l2 5v5" />
      <path d="M3 16h18v3H3zM7 19v2M17 19v2M5 11h14" />
      <circle cx="8" cy="13.5" r="0.6" />
      <circle cx="16" cy="13.5" r="0.6" />
    </>
  ),
  health: (
    <>
      <rect x="3" y="3" width="18" height="18" rx="3" />
      <path d="M12 7v10M7 12h10" />
    </>
  ),
  family: (
    <>
      <circle cx="8" cy="6" r="2.5" />
      <circle cx="16" cy="6" r="2.5" />
      <circle cx="12" cy="13" r="2" />
      <path d="M4 21v-6a4 4 0 014-4M20 21v-6a4 4 0 00-4-4M9 21v-3a3 3 0 016 0v3" />
    </>
  ),
  id: (
    <>
      <rect x="2" y="5" width="20" height="14" rx="2" />
      <circle cx="8" cy="12" r="2.5" />
      <path d="M13 10h6M13 14h4" />
    </>
  ),
  money: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M8 7l4 5 4-5M8 13h8M8 16h8M12 12v6" />
    </>
  ),
  school: (
    <>
      <path d="M2 9l10-5 10 5-10 5z" />
      <path d="M6 11v5c3 2 9 2 12 0v-5M22 9v6" />
    </>
  ),
  people: (
    <>
      <circle cx="9" cy="7" r="3" />
      <path d="M3 21v-2a6 6 0 0112 0v2" />
      <circle cx="17" cy="9" r="2.5" />
      <path d="M16 14a5 5 0 016 5v2" />
    </>
  ),
  document: (
    <>
      <path d="M6 2h9l5 5v15H6z" />
      <path d="M14 2v6h6M9 13h8M9 17h8" />
    </>
  ),
  tree: (
    <>
      <path d="M12 2l6 8h-3l4 6H5l4-6H6z" />
      <path d="M12 16v6" />
    </>
  ),
  tools: (
    <>
      <path d="M14 6a4 4 0 005 5l-8 8a2 2 0 01-3-3z" />
      <path d="M4 4l5 5" />
    </>
  ),
  heart: <path d="M12 20s-7-4.5-9-9a5 5 0 019-3 5 5 0 019 3c-2 4.5-9 9-9 9z" />,
  // 医疗保障: a cross in a circle (`health` is a cross in a square).
  medical: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M10 7h4v3h3v4h-3v3h-4v-3H7v-4h3z" />
    </>
  ),
  // 住房公积金: a stack of coins.
  coins: (
    <>
      <ellipse cx="12" cy="6" rx="7" ry="2.5" />
      <path d="M5 6v4c0 1.4 3.1 2.5 7 2.5s7-1.1 7-2.5V6M5 10v4c0 1.4 3.1 2.5 7 2.5s7-1.1 7-2.5v-4M5 14v4c0 1.4 3.1 2.5 7 2.5s7-1.1 7-2.5v-4" />
    </>
  ),
  // 税务: a receipt with a torn foot.
  receipt: (
    <>
      <path d="M6 2h12v20l-2-1.5-2 1.5-2-1.5-2 1.5-2-1.5L6 22z" />
      <path d="M9 7h6M9 11h6M9 15h4" />
    </>
  ),
  // 综合咨询: a question mark in a speech bubble.
  question: (
    <>
      <path d="M4 4h16v12H10l-5 4v-4H4z" />
      <path d="M10 8.5a2 2 0 114 0c0 1.5-2 1.5-2 3M12 13.5v.01" />
    </>
  ),
  search: (
    <>
      <circle cx="11" cy="11" r="7" />
      <path d="M21 21l-5-5" />
    </>
  ),
};

/** The icon keys a department may name in the hall configuration (`departments[].icon`). */
export const departmentIconNames: readonly string[] = Object.keys(departmentIcons).filter((name) => name !== 'search');

/** Department pictogram by the config's icon key; unknown keys get the building. */
export function DepartmentIcon({ name, ...props }: IconProps & { name: string }) {
  return <Svg {...props}>{departmentIcons[name] ?? departmentIcons['building']}</Svg>;
}

export function SearchIcon(props: IconProps) {
  return <Svg {...props}>{departmentIcons['search']}</Svg>;
}

export function WarningIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M12 3l10 18H2z" />
      <path d="M12 10v5M12 18v.5" />
    </Svg>
  );
}

export function WifiOffIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M2 8.5a15 15 0 0120 0M5 12a10 10 0 0114 0M8.5 15.5a5 5 0 017 0M12 19v.5M3 3l18 18" />
    </Svg>
  );
}

export function TicketIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M3 7a2 2 0 002-2h14a2 2 0 002 2v2a3 3 0 000 6v2a2 2 0 00-2 2H5a2 2 0 00-2-2v-2a3 3 0 000-6z" />
      <path d="M9 9h6M9 12h6M9 15h4" />
    </Svg>
  );
}

export function CalendarCheckIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <rect x="3" y="5" width="18" height="16" rx="2" />
      <path d="M3 10h18M8 3v4M16 3v4M9 15l2 2 4-4" />
    </Svg>
  );
}

export function BookIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M4 4h6a2 2 0 012 2v14a2 2 0 00-2-2H4zM20 4h-6a2 2 0 00-2 2v14a2 2 0 012-2h6z" />
    </Svg>
  );
}

export function PriorityIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="12" cy="5" r="2" />
      <path d="M12 8v6M9 21l3-7 3 7M8 11h8" />
      <path d="M19 3v5M16.5 5.5h5" />
    </Svg>
  );
}

export function BackIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M15 5l-7 7 7 7" />
    </Svg>
  );
}

export function HomeIcon(props: IconProps) {
  return <Svg {...props}>{departmentIcons['house']}</Svg>;
}

export function ArrowDownIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M12 4v15M5 12l7 7 7-7" />
    </Svg>
  );
}

/** The international symbol of access (a person in a wheelchair), for the 低位操作 switch. */
export function WheelchairIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="11" cy="4" r="1.8" />
      <path d="M11 7v6h5l2 5h2" />
      <path d="M11 10h4" />
      <path d="M8.5 10.5a5.5 5.5 0 108.3 6" />
    </Svg>
  );
}

export function SpeakerIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M4 9h4l5-4v14l-5-4H4z" />
      <path d="M16.5 8.5a5 5 0 010 7M19 6a8.5 8.5 0 010 12" />
    </Svg>
  );
}

export function KeyboardIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <rect x="2" y="6" width="20" height="12" rx="2" />
      <path d="M6 10h.5M10 10h.5M14 10h.5M18 10h.5M6 14h.5M18 14h.5M9 14h6" />
    </Svg>
  );
}

/** Large-type toggle glyph: a small and a large character. */
export function TextSizeIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M3 19l4-10 4 10M4.5 15.5h5M12 19l5-14 5 14M14 14h6" />
    </Svg>
  );
}

/** Rating faces: the shape of the mouth carries the level, never the colour alone. */
export function RatingFace({ level, ...props }: IconProps & { level: RatingLevel }) {
  const mouth: Record<RatingLevel, string> = {
    very_satisfied: 'M7 13.5c1.2 3.2 8.8 3.2 10 0z',
    satisfied: 'M8 14.5c1.5 1.8 6.5 1.8 8 0',
    basic: 'M8.5 15h7',
    dissatisfied: 'M8 16.5c1.5-1.8 6.5-1.8 8 0',
    very_dissatisfied: 'M7 17.5c1.2-3.4 8.8-3.4 10 0',
  };
  const eyes =
    level === 'very_dissatisfied' ? (
      <path d="M7.5 8.5l2 1.5M16.5 8.5l-2 1.5M8 10.5v.5M16 10.5v.5" />
    ) : (
      <path d="M9 9.5v1M15 9.5v1" />
    );
  return (
    <Svg {...props}>
      <circle cx="12" cy="12" r="10" />
      {eyes}
      <path d={mouth[level]} fill={level === 'very_satisfied' ? 'currentColor' : 'none'} />
    </Svg>
  );
}

/** Neutral staff silhouette: the counter display never shows a real photo. */
export function StaffSilhouette(props: SVGProps<SVGSVGElement>) {
  return (
    <svg viewBox="0 0 120 150" aria-hidden="true" focusable="false" {...props}>
      <rect width="120" height="150" rx="8" fill="#dfe4ea" />
      <circle cx="60" cy="55" r="26" fill="#9aa5b1" />
      <path d="M14 150c4-34 22-52 46-52s42 18 46 52z" fill="#9aa5b1" />
    </svg>
  );
}

/** Where the ID card goes on the kiosk: a card laid on the reader below the screen. */
export function IdCardReaderPicture(props: SVGProps<SVGSVGElement>) {
  return (
    <svg viewBox="0 0 160 100" aria-hidden="true" focusable="false" {...props}>
      <rect x="10" y="58" width="140" height="30" rx="6" fill="#c9ced6" />
      <rect x="30" y="62" width="100" height="10" rx="3" fill="#8a949f" />
      <g transform="translate(44 8) rotate(-8)">
        <rect width="72" height="46" rx="5" fill="#fff" stroke="#0b5cad" strokeWidth="3" />
        <circle cx="20" cy="22" r="9" fill="#9aa5b1" />
        <rect x="36" y="14" width="28" height="4" rx="2" fill="#9aa5b1" />
        <rect x="36" y="24" width="22" height="4" rx="2" fill="#9aa5b1" />
      </g>
      <path d="M80 50v8" stroke="#0b5cad" strokeWidth="3" strokeLinecap="round" />
      <path d="M74 53l6 6 6-6" stroke="#0b5cad" strokeWidth="3" fill="none" strokeLinecap="round" />
    </svg>
  );
}

/** Device health: a tick in a circle (ok). */
export function HealthOkIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="12" cy="12" r="9" />
      <path d="M8 12.5l2.7 2.7L16.5 9.5" />
    </Svg>
  );
}

/** Device health: a cross in a circle (fault). */
export function HealthFaultIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="12" cy="12" r="9" />
      <path d="M9 9l6 6M15 9l-6 6" />
    </Svg>
  );
}

/** Device health: a question mark in a circle (unknown). */
export function HealthUnknownIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="12" cy="12" r="9" />
      <path d="M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.7.3-1 .8-1 1.5V14M12 17h.01" />
    </Svg>
  );
}
