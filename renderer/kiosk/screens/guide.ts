// 办事指南 on the kiosk, loaded when a visitor first opens it (lazyScreens.tsx).
export { GuideScreen } from './GuideScreen';
export { GuideDepartmentScreen, GuideMattersScreen } from './GuidePickScreens';
