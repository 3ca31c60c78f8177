import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

export type Lang = 'zh' | 'en';

/** [中文, English] */
const dict = {
  appName: ['招商 CRM', 'Zhaoshang CRM'],
  tagline: ['产业园区招商线索管理', 'Investment-promotion lead CRM'],
  switchLang: ['English', '中文'],
  switchLangLabel: ['切换到英文', 'Switch to Chinese'],
  skipToContent: ['跳到正文', 'Skip to content'],
  navSubmit: ['提交需求', 'Submit a request'],
  navStatus: ['查询进度', 'Check status'],
  navLogin: ['员工登录', 'Staff sign-in'],
  // intake
  intakeTitle: ['提交招商需求', 'Tell us what you need'],
  intakeIntro: [
    '填写需求、用途、税收、公司、联系人、手机号，招商顾问会尽快联系您。',
    'Tell us your need, usage, expected tax, company, contact and mobile number; a consultant will contact you soon.',
  ],
  pasteLabel: ['粘贴微信消息（可选）', 'Paste your WeChat message (optional)'],
  pastePlaceholder: [
    '例如：需求：厂房3000平 用途：新能源汽车零部件生产 税收：年税收500万 公司：XX科技 联系人：张总 手机：138…',
    'e.g. 需求：厂房3000平 用途：汽车零部件 税收：500万 公司：… 联系人：… 手机：…',
  ],
  parseButton: ['识别并填写表单', 'Fill the form from the message'],
  parsedOk: ['已识别并填入表单，请核对。', 'Filled in from your message — please check.'],
  parsedMissing: ['还缺：', 'Still missing: '],
  need: ['需求', 'Need'],
  needPh: ['如：厂房 3000㎡ 租赁 / 工业用地 50 亩', 'e.g. factory 3,000 m² to rent / 50 mu industrial land'],
  usage: ['用途', 'Usage'],
  usagePh: ['如：新能源汽车零部件生产', 'e.g. EV parts manufacturing'],
  tax: ['税收', 'Tax'],
  taxPh: ['如：年税收 500 万元', 'e.g. 5 million yuan tax a year'],
  company: ['公司', 'Company'],
  contact: ['联系人', 'Contact person'],
  phone: ['手机号', 'Mobile number'],
  email: ['邮箱（可选）', 'Email (optional)'],
  more: ['更多信息（可选）', 'More details (optional)'],
  propertyType: ['载体类型', 'Property type'],
  dealType: ['租赁或购买', 'Rent or buy'],
  areaMin: ['面积下限（㎡）', 'Minimum area (m²)'],
  areaMax: ['面积上限（㎡）', 'Maximum area (m²)'],
  region: ['意向区域', 'Preferred region'],
  investment: ['投资额（万元）', 'Investment (10k yuan)'],
  pt_factory: ['厂房', 'Factory'],
  pt_land: ['土地', 'Land'],
  pt_office: ['办公', 'Office'],
  pt_warehouse: ['仓库', 'Warehouse'],
  dt_rent: ['租赁', 'Rent'],
  dt_buy: ['购买', 'Buy'],
  privacyTitle: ['个人信息处理告知', 'Privacy notice'],
  privacyText: [
    '我们（招商 CRM 运营方）收集您填写的公司、联系人、手机号、邮箱和需求信息，仅用于联系您、匹配载体与政策并跟进您的投资需求。信息加密保存，保存期限为 3 年或至您撤回同意为止，之后删除或匿名化。您可随时查询、更正、删除个人信息或撤回同意（在“查询进度”页面即可撤回），联系 privacy@zhaoshang.local。',
    'We (the operator of Zhaoshang CRM) collect the company, contact name, mobile number, email and request you enter only to contact you, match sites and policies and follow up your investment request. It is stored encrypted for 3 years or until you withdraw consent, then deleted or anonymised. You may access, correct or delete your data or withdraw consent at any time (withdraw on the “Check status” page): privacy@zhaoshang.local.',
  ],
  consent: ['我已阅读并同意上述个人信息处理告知', 'I have read and agree to the privacy notice above'],
  shareConsent: [
    '我另行同意将我的需求提供给相关园区运营方以便对接（可选）',
    'I separately agree that my request may be shared with the relevant park operators (optional)',
  ],
  submit: ['提交', 'Submit'],
  fixErrors: ['请修改标出的内容后再提交。', 'Please fix the marked fields and submit again.'],
  successTitle: ['提交成功', 'Request received'],
  successText: ['您的需求编号：', 'Your reference number: '],
  successHint: [
    '请保存此编号，可凭编号和手机号查询进度。招商顾问会尽快与您联系。',
    'Keep this number: with it and your mobile number you can check the status. A consultant will contact you soon.',
  ],
  checkStatus: ['查询进度', 'Check status'],
  submitAnother: ['再提交一个需求', 'Submit another request'],
  // status
  statusTitle: ['查询需求进度', 'Check your request'],
  reference: ['需求编号', 'Reference number'],
  lookup: ['查询', 'Look up'],
  currentStage: ['当前进度', 'Current stage'],
  // article
  articleTitle: ['招商资讯', 'Article'],
  policiesTitle: ['园区政策（已审核）', "The park's policies (reviewed)"],
  articleFormTitle: ['对这个园区感兴趣？留下您的需求', 'Interested in this park? Tell us what you need'],
  source: ['来源', 'Source'],
  noPolicies: ['暂无已审核的政策', 'No reviewed policies yet'],
  // stages
  st_new: ['新线索', 'New'],
  st_contacted: ['已联系', 'Contacted'],
  st_qualified: ['需求确认', 'Qualified'],
  st_site_visit: ['实地考察', 'Site visit'],
  st_negotiating: ['洽谈中', 'Negotiating'],
  st_signed: ['已签约', 'Signed'],
  st_landed: ['已落地', 'Landed'],
  st_lost: ['已流失', 'Lost'],
  ch_web: ['网页表单', 'Web form'],
  ch_article: ['文章', 'Article'],
  ch_wechat: ['微信', 'WeChat'],
  ch_phone: ['电话', 'Phone'],
  ch_referral: ['转介绍', 'Referral'],
  ch_import: ['导入', 'Import'],
  // auth
  loginTitle: ['员工登录', 'Staff sign-in'],
  password: ['密码', 'Password'],
  loginButton: ['登录', 'Sign in'],
  logout: ['退出登录', 'Sign out'],
  // app nav
  board: ['我的看板', 'My board'],
  pool: ['公海', 'Pool'],
  leads: ['全部线索', 'All leads'],
  dashboard: ['数据看板', 'Dashboard'],
  admin: ['管理', 'Admin'],
  listings: ['载体', 'Listings'],
  policies: ['政策审核', 'Policy review'],
  routing: ['分配规则', 'Routing rules'],
  notifications: ['通知记录', 'Notification log'],
  users: ['用户', 'Users'],
  tasks: ['我的任务', 'My tasks'],
  // board
  moveTo: ['移动到', 'Move to'],
  dragHint: ['拖动卡片以变更阶段，或使用卡片上的“移动到”。', 'Drag a card to change its stage, or use “Move to” on the card.'],
  lostTitle: ['标记为流失', 'Mark as lost'],
  lostReason: ['流失原因', 'Reason for losing'],
  lostNote: ['备注', 'Note'],
  lr_price: ['价格', 'Price'],
  lr_area_mismatch: ['面积不符', 'Area mismatch'],
  lr_policy: ['政策', 'Policy'],
  lr_chose_other_park: ['选择其他园区', 'Chose another park'],
  lr_invalid: ['无效线索', 'Invalid lead'],
  lr_unreachable: ['联系不上', 'Unreachable'],
  lr_other: ['其他', 'Other'],
  confirm: ['确定', 'OK'],
  cancel: ['取消', 'Cancel'],
  moved: ['已更新阶段', 'Stage updated'],
  noLeads: ['暂无线索', 'No leads'],
  claim: ['认领', 'Claim'],
  claimed: ['已认领', 'Claimed'],
  open: ['打开', 'Open'],
  // lead detail
  facts: ['基本信息', 'Facts'],
  parsedNeed: ['解析后的需求', 'Parsed need'],
  matches: ['匹配载体', 'Matched listings'],
  eligiblePolicies: ['可享政策', 'Eligible policies'],
  morePolicies: ['以上为最相关的政策，另有 {n} 条', 'The most relevant policies are shown; {n} more apply'],
  showAllPolicies: ['显示全部', 'Show all'],
  timeline: ['时间线', 'Timeline'],
  logActivity: ['记录跟进', 'Log an activity'],
  activityType: ['方式', 'Type'],
  act_call: ['电话', 'Call'],
  act_wechat: ['微信', 'WeChat'],
  act_visit: ['拜访/考察', 'Visit'],
  act_meeting: ['会议', 'Meeting'],
  act_email: ['邮件', 'Email'],
  act_note: ['备注', 'Note'],
  summary: ['内容', 'Summary'],
  save: ['保存', 'Save'],
  saved: ['已保存', 'Saved'],
  taskTitle: ['任务', 'Task'],
  dueAt: ['截止时间', 'Due'],
  addTask: ['添加任务', 'Add task'],
  done: ['完成', 'Done'],
  score: ['匹配度', 'Score'],
  reasons: ['理由', 'Reasons'],
  stage: ['阶段', 'Stage'],
  channel: ['来源渠道', 'Channel'],
  owner: ['负责人', 'Owner'],
  createdAt: ['创建时间', 'Created'],
  revealPhone: ['显示完整号码', 'Reveal full number'],
  notAvailable: ['该功能的接口尚未提供', 'This feature is not available yet'],
  loading: ['加载中…', 'Loading…'],
  error: ['出错了', 'Something went wrong'],
  notFound: ['页面不存在', 'Page not found'],
  back: ['返回', 'Back'],
  // dashboard
  funnel: ['转化漏斗', 'Funnel'],
  byChannel: ['各渠道转化', 'Conversion by channel'],
  responseTimes: ['首次响应时间', 'First response times'],
  trend: ['每周趋势', 'Weekly trend'],
  from: ['开始日期', 'From'],
  to: ['结束日期', 'To'],
  export: ['导出', 'Export'],
  // leads list
  search: ['搜索', 'Search'],
  searchPh: ['公司、联系人、编号', 'Company, contact, reference'],
  allStages: ['全部阶段', 'All stages'],
  allChannels: ['全部渠道', 'All channels'],
  // admin
  importListings: ['导入载体（XLSX/CSV）', 'Import listings (XLSX/CSV)'],
  chooseFile: ['选择文件', 'Choose file'],
  upload: ['上传', 'Upload'],
  rowErrors: ['行错误', 'Row errors'],
  row: ['行', 'Row'],
  field: ['字段', 'Field'],
  message: ['说明', 'Message'],
  imported: ['已导入', 'Imported'],
  approve: ['通过', 'Approve'],
  reject: ['驳回', 'Reject'],
  simulate: ['模拟分配', 'Simulate'],
  retry: ['重试', 'Retry'],
  status: ['状态', 'Status'],
  eligible: ['可享受', 'Eligible'],
  notEligible: ['不符合', 'Not eligible'],
  unknownEligible: ['待确认', 'To be confirmed'],
  unchanged: ['未变化', 'Unchanged'],
  allTasks: ['全部待办', 'All open'],
  dueToday: ['今天到期', 'Due today'],
  overdue: ['已逾期', 'Overdue'],
  originalText: ['原文', 'Original text'],
  pol_extracted: ['待审核', 'To review'],
  pol_reviewed: ['已审核', 'Reviewed'],
  pol_rejected: ['已驳回', 'Rejected'],
  kind: ['类别', 'Kind'],
  rules: ['规则', 'Rules'],
  assignee: ['分配给', 'Goes to'],
  steps: ['过程', 'Steps'],
  industryCode: ['行业代码', 'Industry code'],
  annualTax: ['年税收（万元）', 'Annual tax (10k yuan)'],
  recipient: ['接收人', 'Recipient'],
  subject: ['主题', 'Subject'],
  attempts: ['尝试次数', 'Attempts'],
  lastError: ['最近错误', 'Last error'],
  active: ['启用', 'Active'],
  strategy: ['策略', 'Strategy'],
  name: ['名称', 'Name'],
  conversion: ['转化分析', 'Conversion'],
  groupBy: ['分组', 'Group by'],
  by_channel: ['渠道', 'Channel'],
  by_article: ['文章', 'Article'],
  by_park: ['园区', 'Park'],
  by_consultant: ['顾问', 'Consultant'],
  by_industry: ['行业', 'Industry'],
  rate: ['签约率', 'Signing rate'],
  overall: ['总转化率（签约/线索）', 'Overall conversion (signed ÷ leads)'],
  minutes: ['分钟', 'minutes'],
  median: ['中位数', 'Median'],
  newLeads: ['新线索', 'New leads'],
  lostReasons: ['流失原因', 'Lost reasons'],
  noData: ['所选时间段内暂无数据', 'No data in this period'],
  assignTo: ['分配给…', 'Assign to…'],
  releaseToPool: ['退回公海', 'Return to pool'],
  articlesAdmin: ['文章', 'Articles'],
  ingest: ['提取并保存', 'Extract and save'],
  articleBody: ['正文（文本或 HTML）', 'Body (text or HTML)'],
  orUpload: ['或上传文件', 'or upload a file'],
  updated: ['已更新', 'Updated'],
  wechatId: ['微信号', 'WeChat ID'],
  yourConsultant: ['您的招商顾问', 'Your consultant'],
  profile: ['分配档案', 'Routing profile'],
  industriesCodes: ['擅长行业（国标行业代码）', 'Industries (GB/T 4754 codes)'],
  profileParks: ['负责园区', 'Parks they cover'],
  profileTeam: ['所属团队', 'Team'],
  regions: ['负责区域', 'Regions'],
  capacity: ['最多在跟线索数', 'Capacity (open leads)'],
  acceptsLeads: ['接收新线索', 'Takes new leads'],
  workingDays: ['工作日', 'Working days'],
  workingHours: ['工作时间', 'Working hours'],
  leave: ['休假', 'Leave'],
  notifyEmail: ['通知邮箱', 'Notification email'],
  wecomId: ['企业微信 userid', 'WeCom userid'],
  role: ['角色', 'Role'],
  role_consultant: ['招商顾问', 'Consultant'],
  role_manager: ['经理', 'Manager'],
  role_admin: ['管理员', 'Admin'],
  newUser: ['新建用户', 'New user'],
  ns_all: ['全部', 'All'],
  ns_pending: ['待发送', 'Pending'],
  ns_sent: ['已发送', 'Sent'],
  ns_failed: ['失败', 'Failed'],
  ns_dead: ['已放弃', 'Gave up'],
  successDuplicate: [
    '您之前已提交过需求，本次内容已补充到同一需求中，编号不变。',
    'You already had an open request: this one was added to it, with the same reference number.',
  ],
  parks: ['园区', 'Parks'],
  minTaxPerMu: ['亩均税收要求（万元/亩）', 'Min. tax per mu (10k yuan)'],
  minInvestPerMu: ['投资强度要求（万元/亩）', 'Min. investment per mu (10k yuan)'],
  signedTitle: ['登记签约', 'Record the signing'],
  signedInvestment: ['签约投资额（万元）', 'Signed investment (10k yuan)'],
  signedTax: ['预计年税收（万元）', 'Expected annual tax (10k yuan)'],
  signedPark: ['落户园区', 'Park'],
  signedAt: ['签约日期', 'Signing date'],
  whyBack: ['退回原因', 'Why move it back'],
  withdrawConsent: ['撤回个人信息处理同意', 'Withdraw my consent'],
  withdrawConfirm: ['撤回后我们将不再就此需求联系您，确定撤回？', 'We will no longer contact you about this request. Withdraw?'],
  withdrawn: ['已撤回同意，我们将不再就此需求联系您。', 'Consent withdrawn: we will no longer contact you about this request.'],
  menu: ['菜单', 'Menu'],
  newRule: ['新建分配规则', 'New routing rule'],
  annualTaxMin: ['年税收不低于（万元）', 'Annual tax at least (10k yuan)'],
  leastLoaded: ['负载最低', 'Least loaded'],
  roundRobin: ['轮询', 'Round robin'],
  onDutyOnly: ['仅分配给在岗顾问', 'Only consultants on duty'],
  delete: ['删除', 'Delete'],
  deleteConfirm: ['确定删除？', 'Delete it?'],
  notifyChannel: ['通知方式', 'Channel'],
  prevPage: ['上一页', 'Previous page'],
  nextPage: ['下一页', 'Next page'],
  stageChange: ['阶段变更', 'Stage change'],
  ev_inquiry: ['咨询', 'Inquiry'],
  ev_assignment: ['分配', 'Assignment'],
  ev_notification: ['通知', 'Notification'],
  ev_task: ['任务', 'Task'],
  ev_merge: ['合并', 'Merge'],
  ev_note: ['备注', 'Note'],
  ev_sla: ['响应时限', 'SLA'],
} satisfies Record<string, [string, string]>;

export type TKey = keyof typeof dict;

interface I18n {
  lang: Lang;
  setLang: (l: Lang) => void;
  t: (key: TKey) => string;
  /** Picks the language's side of a bilingual API message. */
  pick: (zh: string | undefined | null, en: string | undefined | null) => string;
}

const Ctx = createContext<I18n | null>(null);

function initialLang(): Lang {
  const q = new URLSearchParams(window.location.search).get('lang');
  if (q === 'en' || q === 'zh') {
    try {
      window.localStorage.setItem('zs_lang', q); // a shared ?lang= link keeps its language while browsing on
    } catch {
      /* ignore */
    }
    return q;
  }
  try {
    const s = window.localStorage.getItem('zs_lang');
    if (s === 'en' || s === 'zh') return s;
  } catch {
    /* storage blocked (private mode in some in-app browsers) */
  }
  return 'zh';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((l: Lang) => {
    setLangState(l);
    try {
      window.localStorage.setItem('zs_lang', l);
    } catch {
      /* ignore */
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key) => dict[key][lang === 'zh' ? 0 : 1],
      pick: (zh, en) => (lang === 'zh' ? zh || en || '' : en || zh || ''),
    }),
    [lang, setLang],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}

/** Sets the document title: "<page> · 招商 CRM". */
export function useTitle(title: string): void {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${title} · ${t('appName')}`;
  }, [title, t]);
}

export function hasKey(key: string): key is TKey {
  return key in dict;
}
