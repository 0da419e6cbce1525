import { mountPage } from '../shared/page/mount';
import { connectPage } from '../shared/page/connection';
import { DisplayApp } from './DisplayApp';
import { createDisplayVoice } from './voice';
import './display.css';
import '../shared/styles/mongolian.css';

function localStorageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

const connection = connectPage('hall_display');
const voice = createDisplayVoice(localStorageOrNull());
mountPage('display.title', <DisplayApp connection={connection} voice={voice} />);
