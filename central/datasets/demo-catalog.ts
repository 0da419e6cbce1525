// Demo and benchmark catalogs: complete 办事指南 (standards.md "办事指南
// elements") for the matters of a hall configuration (config/demo-hall.json),
// and N synthetic matters for the snapshot benchmark. Pure: no I/O.
// Contract: every guide produced passes guideSchema (tests check it) — every
// material named, none "其他材料". Dangers: the legal bases, phone numbers and
// credit codes are plausible demo values, not an authoritative catalog; a
// real hall gets its catalog from the provincial matter library.
import type { Guide, Material } from '../../protocol/central/downlink/schemas.js';

export interface DemoHallMatters {
  hall: { name: string; areaCode: string };
  departments: { id: string; name: string }[];
  matters: { id: string; code: string; name: string; departmentId: string; selfService?: boolean }[];
}

interface MatterFacts {
  type: [string, string];
  basis: string[];
  conditions: string[];
  materials: Material[];
  statutory: Guide['timeLimits']['statutory'];
  promised: Guide['timeLimits']['promised'];
  result: string;
  fees?: { name: string; standard: string; basis: string }[];
  objects?: Guide['serviceObjects'];
  acceptPending?: string[];
}

const need = (name: string, originals = 1, copies = 1, source: Material['source'] = 'applicant', spec = 'A4'): Material => ({
  name,
  source,
  originals,
  copies,
  required: true,
  format: 'paper_or_electronic',
  spec,
});
const when = (name: string, condition: string, originals = 1, copies = 0): Material => ({ ...need(name, originals, copies), required: false, condition });
const idCard = need('申请人居民身份证', 1, 1);
const days = (value: number, unit: 'working_days' | 'natural_days' = 'working_days') => ({ value, unit });
const now0 = { value: 0, unit: 'immediate' as const };

const LICENSE: [string, string] = ['01', '行政许可'];
const CONFIRM: [string, string] = ['07', '行政确认'];
const PAYMENT: [string, string] = ['06', '行政给付'];
const PUBLIC: [string, string] = ['20', '公共服务'];
const OTHER: [string, string] = ['10', '其他行政权力'];

const BDC_BASIS = ['《不动产登记暂行条例》', '《不动产登记暂行条例实施细则》'];
const SCJG_BASIS = ['《中华人民共和国市场主体登记管理条例》', '《中华人民共和国市场主体登记管理条例实施细则》'];
const SHEBAO_BASIS = ['《中华人民共和国社会保险法》'];
const GJJ_BASIS = ['《住房公积金管理条例》'];

/** Facts per matter-code suffix (the demo hall's matters); unknown codes get a generic public-service guide. */
const FACTS: Record<string, MatterFacts> = {
  'BDC-0001': {
    type: CONFIRM, basis: BDC_BASIS, conditions: ['不动产已办理首次登记', '买卖双方已签订存量房买卖合同并完税'], result: '不动产权证书',
    materials: [need('不动产登记申请书', 1, 0), need('买卖双方居民身份证', 1, 1), need('不动产权证书', 1, 0), need('存量房买卖合同', 1, 1), need('契税完税凭证', 0, 1, 'government'), when('婚姻状况证明', '出卖人已婚的', 0, 1)],
    statutory: days(30), promised: days(5), fees: [{ name: '不动产登记费', standard: '住宅每件80元', basis: '《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）' }],
  },
  'BDC-0002': {
    type: CONFIRM, basis: BDC_BASIS, conditions: ['抵押物已办理不动产登记', '已签订抵押合同与主债权合同'], result: '不动产登记证明',
    materials: [need('不动产登记申请书', 1, 0), need('抵押人与抵押权人身份证明', 1, 1), need('不动产权证书', 1, 0), need('抵押合同', 1, 1), need('主债权合同', 1, 1)],
    statutory: days(30), promised: days(3), fees: [{ name: '不动产登记费', standard: '住宅每件80元', basis: '《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）' }],
  },
  'BDC-0003': {
    type: CONFIRM, basis: BDC_BASIS, conditions: ['房屋已竣工验收', '土地权属来源合法'], result: '不动产权证书',
    materials: [need('不动产登记申请书', 1, 0), need('申请人身份证明', 1, 1), need('土地权属来源证明', 1, 1), need('建设工程竣工验收备案表', 0, 1), need('不动产权籍调查成果', 1, 0, 'intermediary')],
    statutory: days(30), promised: days(10), fees: [{ name: '不动产登记费', standard: '非住宅每件550元', basis: '《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）' }],
  },
  'BDC-0004': {
    type: PUBLIC, basis: ['《不动产登记资料查询暂行办法》'], conditions: ['权利人或利害关系人查询本人相关登记资料'], result: '不动产登记资料查询结果证明',
    materials: [need('不动产登记资料查询申请书', 1, 0), idCard], statutory: now0, promised: now0,
  },
  'BDC-0005': {
    type: CONFIRM, basis: BDC_BASIS, conditions: ['权利人姓名、身份证明号码、不动产坐落等登记事项发生变化'], result: '不动产权证书',
    materials: [need('不动产登记申请书', 1, 0), idCard, need('不动产权证书', 1, 0), need('变更事实证明', 1, 1)], statutory: days(30), promised: days(3),
  },
  'SCJG-0001': {
    type: CONFIRM, basis: SCJG_BASIS, conditions: ['名称、住所、经营范围等符合法律规定', '有符合章程规定的出资'], result: '营业执照', objects: ['legal_person'],
    materials: [need('公司登记（备案）申请书', 1, 0), need('公司章程', 1, 0), need('股东主体资格证明', 0, 1), need('法定代表人、董事、监事和经理的任职文件', 1, 0), need('住所使用相关文件', 0, 1)],
    statutory: days(3), promised: days(1), acceptPending: ['住所使用相关文件'],
  },
  'SCJG-0002': {
    type: CONFIRM, basis: ['《促进个体工商户发展条例》', ...SCJG_BASIS.slice(0, 1)], conditions: ['有经营能力的自然人'], result: '营业执照',
    materials: [need('个体工商户登记（备案）申请书', 1, 0), idCard, need('经营场所使用相关文件', 0, 1)], statutory: days(3), promised: now0,
  },
  'SCJG-0003': {
    type: CONFIRM, basis: SCJG_BASIS, conditions: ['登记事项发生变更并依法作出决议'], result: '营业执照', objects: ['legal_person'],
    materials: [need('公司登记（备案）申请书', 1, 0), need('关于变更事项的决议或决定', 1, 0), need('营业执照正副本', 1, 0), when('修改后的公司章程', '变更事项涉及章程修改的')],
    statutory: days(3), promised: days(1),
  },
  'SCJG-0004': {
    type: CONFIRM, basis: SCJG_BASIS, conditions: ['已完成清算或符合简易注销条件'], result: '准予注销登记通知书', objects: ['legal_person'],
    materials: [need('注销登记申请书', 1, 0), need('清算报告', 1, 0), need('营业执照正副本', 1, 0), when('全体投资人承诺书', '申请简易注销的')],
    statutory: days(3), promised: days(1),
  },
  'SCJG-0005': {
    type: LICENSE, basis: ['《中华人民共和国食品安全法》', '《食品经营许可和备案管理办法》'], conditions: ['有与经营食品品种相适应的场所和设施', '有食品安全管理人员和管理制度'], result: '食品经营许可证', objects: ['person', 'legal_person'],
    materials: [need('食品经营许可申请书', 1, 0), need('营业执照', 0, 1), need('经营场所平面图和设备布局图', 1, 0), need('食品安全管理制度文本', 1, 0)], statutory: days(10), promised: days(5),
  },
  'RSJ-0001': {
    type: CONFIRM, basis: SHEBAO_BASIS, conditions: ['年满16周岁（不含在校学生）', '未参加职工基本养老保险'], result: '参保登记信息',
    materials: [idCard, need('城乡居民基本养老保险参保登记表', 1, 0)], statutory: now0, promised: now0,
  },
  'RSJ-0002': {
    type: CONFIRM, basis: SHEBAO_BASIS, conditions: ['正在领取养老保险待遇的人员'], result: '认证结果', materials: [idCard], statutory: now0, promised: now0,
  },
  'RSJ-0003': {
    type: PUBLIC, basis: SHEBAO_BASIS, conditions: ['已参加社会保险的人员'], result: '社会保障卡',
    materials: [idCard, need('社会保障卡申领登记表', 1, 0), need('近期免冠彩色证件照片', 1, 0, 'applicant', '二寸')], statutory: days(20), promised: days(10),
  },
  'RSJ-0004': {
    type: PAYMENT, basis: SHEBAO_BASIS, conditions: ['失业前累计缴纳失业保险费满1年', '非因本人意愿中断就业', '已进行失业登记并有求职要求'], result: '失业保险金核定结果',
    materials: [idCard, need('解除或终止劳动关系证明', 1, 1), need('社会保障卡', 1, 0)], statutory: days(10), promised: days(3),
  },
  'RSJ-0005': {
    type: CONFIRM, basis: SHEBAO_BASIS, conditions: ['无雇工的个体工商户、未在用人单位参保的非全日制从业人员及其他灵活就业人员'], result: '参保登记信息',
    materials: [idCard, need('灵活就业人员参保登记表', 1, 0)], statutory: now0, promised: now0,
  },
  'YBJ-0001': {
    type: PUBLIC, basis: ['《中华人民共和国社会保险法》', '《流动就业人员基本医疗保障关系转移接续暂行办法》'], conditions: ['跨统筹地区流动就业并参加基本医疗保险'], result: '转移接续结果',
    materials: [idCard, need('基本医疗保险参保凭证', 1, 0, 'government'), need('基本医疗保险关系转移接续申请表', 1, 0)], statutory: days(15), promised: days(10),
  },
  'YBJ-0002': {
    type: PUBLIC, basis: ['《国家医保局 财政部关于进一步做好基本医疗保险跨省异地就医直接结算工作的通知》'], conditions: ['参加本统筹区基本医疗保险并需异地就医'], result: '异地就医备案结果',
    materials: [idCard, need('跨省异地就医登记备案表', 1, 0), when('异地居住证明或个人承诺书', '异地长期居住人员备案的', 1, 0)], statutory: now0, promised: now0,
  },
  'YBJ-0003': {
    type: CONFIRM, basis: ['《中华人民共和国社会保险法》'], conditions: ['参保人员确诊患有规定的门诊慢特病'], result: '门诊慢特病待遇认定结果',
    materials: [idCard, need('门诊慢特病待遇认定申请表', 1, 0), need('二级及以上医疗机构出具的诊断证明', 1, 0, 'intermediary'), need('相关检查检验报告', 0, 1, 'intermediary')], statutory: days(20), promised: days(10),
  },
  'YBJ-0004': {
    type: PAYMENT, basis: ['《中华人民共和国社会保险法》', '《女职工劳动保护特别规定》'], conditions: ['参加职工基本医疗保险（生育保险）并按规定缴费'], result: '生育津贴核定结果',
    materials: [idCard, need('出生医学证明', 0, 1, 'government'), need('生育医疗费用票据', 1, 0)], statutory: days(20), promised: days(10),
  },
  'GJJ-0001': {
    type: PUBLIC, basis: GJJ_BASIS, conditions: ['购买、建造、翻建、大修自住住房'], result: '提取审批结果',
    materials: [idCard, need('购房合同', 1, 1), need('购房发票或契税完税凭证', 1, 1), need('本人银行储蓄卡', 1, 0)], statutory: days(3), promised: now0,
  },
  'GJJ-0002': {
    type: PUBLIC, basis: GJJ_BASIS, conditions: ['职工连续足额缴存3个月以上且本人及配偶在缴存地无自有住房'], result: '提取审批结果',
    materials: [idCard, need('无房情况证明', 0, 1, 'government'), need('本人银行储蓄卡', 1, 0)], statutory: days(3), promised: now0,
  },
  'GJJ-0003': {
    type: PUBLIC, basis: GJJ_BASIS, conditions: ['连续足额缴存住房公积金6个月以上', '具有购房行为和还款能力'], result: '贷款审批结果',
    materials: [need('借款人及配偶居民身份证', 1, 1), need('婚姻状况证明', 1, 1), need('购房合同', 1, 1), need('首付款凭证', 1, 1), need('借款人收入证明', 1, 0)], statutory: days(15), promised: days(10),
  },
  'GJJ-0004': {
    type: PUBLIC, basis: GJJ_BASIS, conditions: ['单位已开设住房公积金账户'], result: '个人住房公积金账户', objects: ['legal_person'],
    materials: [need('住房公积金个人账户设立清册', 1, 0), need('职工居民身份证', 0, 1)], statutory: days(3), promised: now0,
  },
  'GAJ-0001': {
    type: OTHER, basis: ['《中华人民共和国户口登记条例》'], conditions: ['符合迁入地落户政策'], result: '户口迁移证明或电子迁移信息',
    materials: [idCard, need('居民户口簿', 1, 0), need('落户地址合法稳定住所证明', 1, 1)], statutory: days(20), promised: days(5),
  },
  'GAJ-0002': {
    type: OTHER, basis: ['《中华人民共和国居民身份证法》'], conditions: ['居住在中华人民共和国境内的中国公民'], result: '居民身份证',
    materials: [need('居民户口簿', 1, 0), when('原居民身份证', '换领的'), when('报失证明或承诺书', '补领的', 1, 0)], statutory: days(60, 'natural_days'), promised: days(20, 'natural_days'),
    fees: [{ name: '居民身份证工本费', standard: '申领、换领每证20元；补领每证40元', basis: '《国家发展改革委 财政部关于第二代居民身份证收费标准及有关问题的通知》（发改价格〔2003〕2322号）' }],
  },
  'GAJ-0003': {
    type: OTHER, basis: ['《居住证暂行条例》'], conditions: ['离开常住户口所在地到本地居住半年以上', '有合法稳定就业、住所或连续就读'], result: '居住证',
    materials: [idCard, need('居住登记凭证', 0, 1, 'government'), need('合法稳定就业、住所或连续就读的证明', 1, 1)], statutory: days(15), promised: days(10),
  },
  'GAJ-0004': {
    type: LICENSE, basis: ['《中华人民共和国护照法》'], conditions: ['中国公民因私出国'], result: '普通护照',
    materials: [idCard, need('中国公民出入境证件申请表', 1, 0), need('近期免冠彩色证件照片', 1, 0, 'applicant', '48mm×33mm')], statutory: days(15), promised: days(7),
    fees: [{ name: '普通护照工本费', standard: '每本120元', basis: '《国家发展改革委 财政部关于降低部分行政事业性收费标准的通知》（发改价格规〔2019〕914号）' }],
  },
  'SW-0001': {
    type: OTHER, basis: ['《中华人民共和国发票管理办法》'], conditions: ['已办理税务登记的纳税人'], result: '发票领用结果', objects: ['person', 'legal_person'],
    materials: [need('经办人居民身份证', 1, 0), need('税控设备或电子税务局数字证书', 1, 0)], statutory: now0, promised: now0,
  },
  'SW-0002': {
    type: OTHER, basis: ['《中华人民共和国契税法》'], conditions: ['在中华人民共和国境内转移土地、房屋权属的承受单位和个人'], result: '契税完税凭证',
    materials: [idCard, need('不动产权属转移合同', 1, 1), need('不动产交易价格证明', 1, 1)], statutory: now0, promised: now0,
  },
  'SW-0003': {
    type: PUBLIC, basis: ['《中华人民共和国个人所得税法》'], conditions: ['需办理个人所得税综合所得汇算清缴的纳税人'], result: '咨询答复', materials: [idCard], statutory: now0, promised: now0,
  },
  'SW-0004': {
    type: OTHER, basis: ['《中华人民共和国税收征收管理法》'], conditions: ['已领取营业执照的市场主体'], result: '税务登记信息确认结果', objects: ['person', 'legal_person'],
    materials: [need('营业执照', 0, 1), need('经办人居民身份证', 1, 0)], statutory: now0, promised: now0,
  },
  'ZH-0001': {
    type: PUBLIC, basis: ['《鄂尔多斯市政务服务条例》'], conditions: ['在大厅未能办成事项的企业和群众'], result: '办理反馈', materials: [need('事项受理或不予受理凭据', 1, 0)], statutory: days(5), promised: days(1),
  },
  'ZH-0002': {
    type: PUBLIC, basis: ['《鄂尔多斯市政务服务条例》'], conditions: ['前来咨询的企业和群众'], result: '咨询答复', materials: [need('咨询人有效身份证件', 1, 0)], statutory: now0, promised: now0,
  },
};

const GENERIC: MatterFacts = {
  type: PUBLIC, basis: ['《优化营商环境条例》'], conditions: ['符合本事项办理条件的申请人'], result: '办理结果通知书',
  materials: [need('申请表', 1, 0), idCard], statutory: days(10), promised: days(5),
};

/** Complete guides for the matters of a hall configuration. */
export function demoCatalog(hall: DemoHallMatters): Guide[] {
  const departments = new Map(hall.departments.map((d) => [d.id, d.name]));
  return hall.matters.map((m, i) => {
    const suffix = m.code.split('-').slice(-2).join('-');
    const facts = FACTS[suffix] ?? GENERIC;
    return guideFrom(m.code, m.name, departments.get(m.departmentId) ?? '政务服务', facts, hall, i, m.selfService ?? false);
  });
}

function guideFrom(code: string, name: string, department: string, f: MatterFacts, hall: Pick<DemoHallMatters, 'hall'>, i: number, selfService: boolean): Guide {
  const immediate = f.promised.unit === 'immediate';
  return {
    code,
    implementationCode: `${hall.hall.areaCode}${String(100000 + i).slice(1)}${f.type[0]}`.slice(0, 24),
    name,
    type: { code: f.type[0], name: f.type[1] },
    legalBasis: f.basis,
    implementer: { name: `${hall.hall.name}${department}窗口`, code: `11${hall.hall.areaCode}MB${String(1000000 + i).slice(1)}X`.slice(0, 18) },
    conditions: f.conditions,
    serviceObjects: f.objects ?? ['person'],
    steps: [
      { name: '申请', description: '申请人到大厅窗口或通过网上政务服务平台提交申请材料' },
      { name: '受理', description: '窗口工作人员当场审查材料，材料齐全、符合法定形式的予以受理，不齐全的一次性告知需补正的全部内容', timeLimit: '当场' },
      { name: '审查决定', description: '承办人员审查后作出决定', timeLimit: immediate ? '当场' : `${f.promised.value}个工作日` },
      { name: '办结送达', description: '窗口发放结果，或按申请人选择邮寄送达' },
    ],
    materials: f.materials,
    ...(f.acceptPending ? { acceptPending: f.acceptPending } : {}),
    timeLimits: { statutory: f.statutory, promised: f.promised },
    caseType: immediate ? 'immediate' : 'promised',
    fees: f.fees ? { charged: true, items: f.fees } : { charged: false },
    result: { name: f.result },
    scope: 'city',
    forms: selfService ? ['onsite', 'online'] : ['onsite', 'online', 'mail'],
    offers: { booking: true, onlinePayment: !!f.fees, courier: !selfService, onlineHandling: true },
    location: `${hall.hall.name}一楼综合受理区`,
    hours: '工作日 上午9:00—12:00，下午13:30—17:30（午间不间断服务；周六上午9:00—12:00办理高频个人事项）',
    enquiry: { phone: '0477-8585000', other: '“蒙速办”政务服务平台在线咨询' },
    complaint: { phone: '12345', other: '大厅“办不成事”反映窗口' },
    faq: [{ question: '材料不齐可以先受理吗？', answer: f.acceptPending ? `${f.acceptPending.join('、')}可容缺受理，申请人书面承诺后限期补交。` : '请按本指南一次性备齐全部材料；如有疑问请先到综合咨询窗口。' }],
  };
}

/** N synthetic matters with complete guides (the benchmark's catalog), deterministic for a given n. */
export function syntheticCatalog(n: number, areaCode = '150602'): Guide[] {
  const templates = Object.values(FACTS);
  const hall = { hall: { name: '基准测试政务服务中心', areaCode } };
  const out: Guide[] = [];
  for (let i = 0; i < n; i++) {
    const f = templates[i % templates.length]!;
    const code = `${areaCode}-SYN-${String(i).padStart(6, '0')}`;
    const extra: Material[] = [need(`第${i}号事项专用申请表`, 1, 0), when(`第${i}号事项委托代理授权书`, '委托他人代为办理的', 1, 0)];
    out.push(guideFrom(code, `基准测试事项${i}`, `部门${i % 40}`, { ...f, materials: [...f.materials, ...extra] }, hall, i, i % 7 === 0));
  }
  return out;
}
