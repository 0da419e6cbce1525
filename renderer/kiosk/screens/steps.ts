// The kiosk's screens after the start screen, in one chunk the page loads after 取号 is on
// screen (lazyScreens.tsx prefetches it when the browser is idle): the departments and search
// (with the pinyin keyboard; its dictionary loads only when the keyboard opens), matters, the
// ticket (with its QR code), appointment check-in, manual ID entry, the green channel, errors.
export { DepartmentScreen } from './DepartmentScreen';
export { MattersScreen } from './MattersScreen';
export { TicketScreen } from './TicketScreen';
export { CheckInScreen } from './CheckInScreen';
export { ManualIdScreen } from './ManualIdScreen';
export { GreenStaffScreen } from './GreenStaffScreen';
export { GreenCategoryScreen } from './GreenCategoryScreen';
export { IssueErrorScreen } from './IssueErrorScreen';
export { CapOfferPanel } from './CapOfferPanel';
