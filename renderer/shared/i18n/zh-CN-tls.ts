// Simplified Chinese for the admin page's 安全连接 card (renderer/admin/TlsPanel.tsx).
export const zhCNTls = {
  'admin.tls': '安全连接（加密）',
  'admin.tls.off': '未开启：大厅局域网内的通信未加密。开启方法见部署文档（hall.json 中 lan.tls.enabled）。',
  'admin.tls.on': '已开启：各终端与本大厅之间的通信经过加密。',
  'admin.tls.fingerprint': '证书指纹（SHA-256）',
  'admin.tls.hint': '登记新终端时，请核对终端上显示的指纹与此处完全一致后再确认；不一致时不要继续，并联系技术人员。',
  'admin.tls.source.generated': '本机自动生成的证书',
  'admin.tls.source.kept': '本机自动生成的证书',
  'admin.tls.source.configured': '大厅自有证书',
  'admin.tls.validUntil': '有效期至 {date}',
} as const satisfies Record<string, string>;
