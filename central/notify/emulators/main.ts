// Runs the notification emulators for demos and manual tests:
//   node --import tsx central/notify/emulators/main.ts [--sms-port 8791] [--wechat-port 8792]
//        [--callback http://127.0.0.1:8480/v1/notify/sms/reports] [--openid test-openid-1]
// Prints the NOTIFY_* settings to give `central/main.ts serve`; prints every SMS and WeChat
// notice as it is "received"; Ctrl-C stops. --openid subscribes a test openid 100 times.
// Danger: test tool only (in memory, no TLS; it prints the messages it receives).
import { SmsGatewayEmulator } from './sms-gateway.js';
import { WeChatEmulator } from './wechat.js';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const smsPort = Number(opt('--sms-port') ?? '8791');
const wechatPort = Number(opt('--wechat-port') ?? '8792');
if (![smsPort, wechatPort].every((p) => Number.isInteger(p) && p >= 0 && p <= 65535)) {
  console.error('usage: main.ts [--sms-port 8791] [--wechat-port 8792] [--callback <central>/v1/notify/sms/reports] [--openid <test openid>]');
  process.exit(2);
}
const host = opt('--host') ?? '127.0.0.1';
const sms = new SmsGatewayEmulator();
const wechat = new WeChatEmulator();
wechat.subscribe(opt('--openid') ?? 'test-openid-1', 100);
await sms.listen(host, smsPort);
await wechat.listen(host, wechatPort);
const callback = opt('--callback') ?? 'http://127.0.0.1:8480/v1/notify/sms/reports';
console.log(`SMS gateway emulator on ${sms.url}; WeChat subscription-message emulator on ${wechat.url}`);
console.log('central settings:');
console.log(`  NOTIFY_KEY_FILE=./central-notify.key NOTIFY_SMS_URL=${sms.url} NOTIFY_SMS_APP_KEY=demo-app NOTIFY_SMS_APP_SECRET=demo-secret NOTIFY_SMS_CALLBACK_URL=${callback}`);
console.log(`  NOTIFY_WECHAT_URL=${wechat.url} NOTIFY_WECHAT_APP_ID=${wechat.appId} NOTIFY_WECHAT_APP_SECRET=${wechat.appSecret} NOTIFY_WECHAT_TEMPLATE_ID=${wechat.templateId}`);
let shown = 0;
const timer = setInterval(() => {
  const all = [...sms.handsets.values()].flat().length + [...wechat.notices.values()].flat().length;
  if (all === shown) return;
  shown = all;
  for (const [mobile, list] of sms.handsets) console.log(`SMS to ${mobile.slice(0, 3)}****${mobile.slice(-4)}: ${list.at(-1)?.content}`);
  for (const [openid, list] of wechat.notices) console.log(`WeChat to ${openid}: ${JSON.stringify(list.at(-1)?.data)}`);
}, 500);
process.on('SIGINT', () => {
  clearInterval(timer);
  void Promise.all([sms.close(), wechat.close()]).then(() => process.exit(0));
});
