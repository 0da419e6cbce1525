// The announcer tests use the project's one Chromium launcher (it already allows autoplay,
// as a hall display must announce without anyone touching it).
export { launchChromium } from '../../helpers/browser.js';
