// Hooks the 到号提醒 control under the ticket's progress (extensions.ts); imported once by main.tsx.
import { createElement } from 'react';
import { registerTicketPanel } from '../extensions';
import { NotifyPanel } from './NotifyPanel';
import './notify.css';

registerTicketPanel({ id: 'notify', render: (view, ctx) => createElement(NotifyPanel, { view, ctx }) });
