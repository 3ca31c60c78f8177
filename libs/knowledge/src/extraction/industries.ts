/** An industry the knowledge base knows, with its GB/T 4754-2017 division code and the ways articles name it. */
export interface IndustryTerm {
  name: string;
  code: string;
  aliases: string[];
}

/**
 * Industry vocabulary. Codes are GB/T 4754-2017 divisions (C36 汽车制造业, C27 医药制造业 …) so the
 * matching of a lead's industryCode against a park's industries is a string comparison.
 */
export const INDUSTRIES: IndustryTerm[] = [
  { name: '高端装备制造', code: 'C34', aliases: ['高端装备制造', '高端装备', '智能装备', '装备制造', '智能制造装备'] },
  { name: '新能源汽车', code: 'C36', aliases: ['新能源汽车', '新能源整车', '智能网联汽车'] },
  { name: '汽车零部件', code: 'C36', aliases: ['新能源汽车零部件', '汽车零部件', '汽车及零部件', '汽摩配'] },
  { name: '数字经济', code: 'I65', aliases: ['数字经济', '数字产业'] },
  { name: '软件和信息服务', code: 'I65', aliases: ['软件和信息服务', '软件信息服务', '软件和信息技术服务'] },
  { name: '人工智能', code: 'I65', aliases: ['人工智能'] },
  { name: '工业互联网', code: 'I64', aliases: ['工业互联网'] },
  { name: '大健康', code: 'C27', aliases: ['大健康'] },
  { name: '生物医药', code: 'C27', aliases: ['健康生物医药', '生物医药', '生物制药', '医药健康'] },
  { name: '医疗器械', code: 'C35', aliases: ['医疗器械', '高端医疗器械'] },
  { name: '集成电路', code: 'C39', aliases: ['集成电路', '半导体', '芯片'] },
  { name: '电子信息', code: 'C39', aliases: ['电子信息', '新一代信息技术', '光电子'] },
  { name: '新能源', code: 'C38', aliases: ['新能源', '光伏', '储能', '锂电池', '动力电池'] },
  { name: '电机电气', code: 'C38', aliases: ['电机', '电气机械', '电气设备'] },
  { name: '新材料', code: 'C30', aliases: ['新材料', '先进材料'] },
  { name: '节能环保', code: 'N77', aliases: ['节能环保', '环保装备'] },
  { name: '现代物流', code: 'G59', aliases: ['现代物流', '智慧物流', '仓储物流'] },
  { name: '跨境电商', code: 'F52', aliases: ['跨境电商', '跨境电子商务'] },
  { name: '纺织服装', code: 'C18', aliases: ['纺织服装', '时尚纺织'] },
  { name: '五金制品', code: 'C33', aliases: ['五金', '金属制品'] },
  { name: '通用航空', code: 'C37', aliases: ['通用航空', '航空航天'] },
];

const ALIAS_LIST = INDUSTRIES.flatMap((t) => t.aliases.map((alias) => ({ alias, term: t }))).sort(
  (a, b) => b.alias.length - a.alias.length,
);
const ALIAS_RE = new RegExp(ALIAS_LIST.map((a) => a.alias).join('|'), 'g');
const BY_ALIAS = new Map(ALIAS_LIST.map((a) => [a.alias, a.term]));

/** Industry terms named in a text, longest alias first (新能源汽车 is not also 新能源), in order of appearance. */
export function findIndustries(text: string): { term: IndustryTerm; index: number }[] {
  const out: { term: IndustryTerm; index: number }[] = [];
  for (const m of text.matchAll(ALIAS_RE)) {
    const term = BY_ALIAS.get(m[0]);
    if (term) out.push({ term, index: m.index });
  }
  return out;
}

/** The vocabulary term for a name or alias (exact), if any. */
export function industryByName(name: string): IndustryTerm | undefined {
  return BY_ALIAS.get(name.trim()) ?? INDUSTRIES.find((t) => t.name === name.trim());
}

/** Sentences that say what a park focuses on (主导产业, 聚焦, 打造…产业集群), not passing mentions. */
export const FOCUS_MARKERS =
  /主导产业|重点产业|重点支持|首位产业|特色产业|优势产业|支柱产业|新兴产业|产业定位|产业链|产业集群|产业体系|产业基地|聚焦|主攻|重点发展|重点培育|重点引进|着力打造|打造|培育|做强|壮大|围绕/;
