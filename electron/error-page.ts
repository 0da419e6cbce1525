// The page a terminal shows when crash recovery gives up for a while (too many
// reloads within an hour): a plain, script-free document the main process loads as
// a data: URL, so it shows even when the hall, the GPU or the network is broken.
// Its strings are the shell's own (the renderer's i18n layer lives in the pages,
// which are exactly what failed); visitors read Chinese, the technician line says
// what happened in English.
// Danger: `detail` comes from crash reasons; it is escaped, and the page's CSP
// forbids scripts, so nothing in it can run.

export const errorPageText = {
  title: '本机暂停服务',
  body: '本终端遇到故障，正在等待自动恢复。请到其他终端或窗口办理，或联系工作人员。',
} as const;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

export function errorPageHtml(detail: string, retryAfterMs: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
  return [
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${errorPageText.title}</title>`,
    '<style>html,body{margin:0;height:100%;background:#1f2937;color:#f9fafb;font-family:sans-serif}',
    'main{display:flex;flex-direction:column;justify-content:center;align-items:center;height:100%;text-align:center;padding:0 8vw}',
    'h1{font-size:6vw;margin:0 0 3vh}p{font-size:3vw;line-height:1.5;margin:0}small{position:fixed;bottom:2vh;font-size:1.4vw;color:#9ca3af}</style>',
    '</head><body><main>',
    `<h1>${errorPageText.title}</h1><p>${errorPageText.body}</p>`,
    `<small>ServiceHall terminal: ${escapeHtml(detail)}. Next automatic retry in ${minutes} min; restart the terminal to retry now.</small>`,
    '</main></body></html>',
  ].join('');
}

export function errorPageUrl(detail: string, retryAfterMs: number): string {
  return `data:text/html;charset=utf-8,${encodeURIComponent(errorPageHtml(detail, retryAfterMs))}`;
}
