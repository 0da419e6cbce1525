// The operator's page in the browser: GET /operator/ — cross-hall reports (hall × day × matter) and
// every hall's 差评 cases with their deadlines, read from /v1/reports and /v1/bad-rating-cases with
// the operator token the operator types (kept in this tab's sessionStorage only, never in the page).
// Contract: the page itself is public and holds no data; every figure comes through the token.
// Text is Chinese (an operator page of a Chinese platform); numbers and dates as the API gives them.
export const OPERATOR_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>跨大厅监管</title>
<style>
body{font-family:"Noto Sans CJK SC",sans-serif;margin:1.5rem;color:#1b2430;background:#f6f8fb}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem}
form{display:flex;flex-wrap:wrap;gap:.75rem;align-items:end;background:#fff;padding:1rem;border:1px solid #d5dce6;border-radius:6px}
label{display:grid;gap:.25rem}input,button{font:inherit;padding:.35rem .6rem}
button{background:#1f4e8c;color:#fff;border:0;border-radius:4px;cursor:pointer}
table{border-collapse:collapse;background:#fff;width:100%;margin-top:.75rem}th,td{border:1px solid #d5dce6;padding:.3rem .5rem;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}tr.over td{background:#fde8e8}
#status{margin-top:.75rem}
</style></head><body>
<h1>跨大厅监管：服务报表与差评整改</h1>
<form id="f">
<label>操作员令牌<input id="token" type="password" autocomplete="off" required data-testid="op-token"></label>
<label>开始日期<input id="from" type="date" lang="zh-CN" required data-testid="op-from"></label>
<label>结束日期<input id="to" type="date" lang="zh-CN" required data-testid="op-to"></label>
<label>大厅编号（可空）<input id="hall" data-testid="op-hall"></label>
<button data-testid="op-run">查询</button>
</form>
<p id="status" role="status"></p>
<h2>各大厅 × 日期 × 事项</h2>
<table data-testid="op-reports"><thead><tr><th>大厅</th><th>日期</th><th>事项</th><th>取号</th><th>办结</th><th>过号</th><th>转窗</th><th>挂起</th><th>平均等候(分)</th><th>最长等候(分)</th></tr></thead><tbody></tbody></table>
<h2>各大厅差评整改</h2>
<table data-testid="op-cases"><thead><tr><th>大厅</th><th>编号</th><th>日期</th><th>事项</th><th>窗口</th><th>评价</th><th>回访期限</th><th>整改期限</th><th>当前环节</th><th>超期</th></tr></thead><tbody></tbody></table>
<script>
const $ = (id) => document.getElementById(id);
const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
$('from').value = today.slice(0, 8) + '01'; $('to').value = today;
$('token').value = sessionStorage.getItem('operatorToken') || '';
const min = (s) => (s === null ? '—' : (Math.round(s / 6) / 10).toFixed(1));
const time = (ms) => new Date(ms + 8 * 3600e3).toISOString().slice(0, 16).replace('T', ' ');
const steps = { opened: '待回访', tagged: '待回访', assigned: '待回访', revisited: '已回访', resolved: '待审核', returned: '退回重办', appealed: '申诉中', appeal_decided: '申诉已决', closed: '已办结', warned: '临期提醒', escalated: '已超期上报' };
const cell = (text, cls) => { const td = document.createElement('td'); td.textContent = text; if (cls) td.className = cls; return td; };
function fill(table, rows, cells, over) {
  const body = document.querySelector('[data-testid="' + table + '"] tbody'); body.replaceChildren();
  for (const r of rows) { const tr = document.createElement('tr'); if (over && over(r)) tr.className = 'over'; tr.dataset.testid = table + '-row'; tr.append(...cells(r)); body.append(tr); }
}
$('f').addEventListener('submit', async (e) => {
  e.preventDefault();
  sessionStorage.setItem('operatorToken', $('token').value);
  const q = new URLSearchParams({ from: $('from').value, to: $('to').value }); if ($('hall').value) q.set('hallId', $('hall').value);
  const h = { authorization: 'Bearer ' + $('token').value };
  $('status').textContent = '正在查询…';
  try {
    const [rep, cases] = await Promise.all([fetch('/v1/reports?' + q, { headers: h }), fetch('/v1/bad-rating-cases' + ($('hall').value ? '?hallId=' + encodeURIComponent($('hall').value) : ''), { headers: h })]);
    if (!rep.ok || !cases.ok) { const b = await (rep.ok ? cases : rep).json().catch(() => ({})); $('status').textContent = '查询失败：' + (b.error?.message || (rep.ok ? cases : rep).status); return; }
    const r = await rep.json(); const c = await cases.json();
    fill('op-reports', r.rows, (x) => [cell(x.hallName), cell(x.serviceDay), cell(x.matterId), cell(x.tickets, 'n'), cell(x.served, 'n'), cell(x.noShows, 'n'), cell(x.transfers, 'n'), cell(x.suspensions, 'n'), cell(min(x.meanWaitSeconds), 'n'), cell(min(x.maxWaitSeconds), 'n')]);
    fill('op-cases', c.cases, (x) => [cell(x.hallName), cell(x.code), cell(x.serviceDay), cell(x.matterId), cell(x.counterId), cell(x.level === 'very_dissatisfied' ? '非常不满意' : '不满意'), cell(x.revisitedAt === null ? time(x.revisitDueAt) : '已回访'), cell(x.closedAt === null ? time(x.rectifyDueAt) : '已办结'), cell(steps[x.lastStep] || x.lastStep), cell(x.overdue ? '超期' : '')], (x) => x.overdue);
    $('status').textContent = '共 ' + r.rows.length + ' 行报表，' + c.cases.length + ' 件差评。';
  } catch (err) { $('status').textContent = '连不上平台：' + err.message; }
});
</script></body></html>`;
