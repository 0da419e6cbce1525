// Hooks the 线上取号 tab into the phone page (extensions.ts); imported once by main.tsx.
import { createElement } from 'react';
import { registerPhoneTab } from '../extensions';
import { RemoteScreen } from './RemoteScreen';

registerPhoneTab({ id: 'remote', label: 'remoteTicket.tab', available: (ctx) => ctx.hallId !== null, render: (ctx) => createElement(RemoteScreen, { ctx }) });
