import { classifyIndustry, classifyStrategicIndustry, INDUSTRY_DIVISIONS } from './industry.js';

describe('classifyIndustry (GB/T 4754-2017 divisions)', () => {
  it.each([
    ['汽车零部件生产', 'C36'],
    ['新能源汽车整车', 'C36'],
    ['汽配', 'C36'],
    ['生物医药', 'C27'],
    ['制药', 'C27'],
    ['原料药生产', 'C27'],
    ['电子元器件', 'C39'],
    ['芯片封装测试', 'C39'],
    ['半导体', 'C39'],
    ['新能源汽车电机生产', 'C38'],
    ['电气设备', 'C38'],
    ['锂电池', 'C38'],
    ['机械加工', 'C34'],
    ['数控机床', 'C34'],
    ['设备制造', 'C34'],
    ['工业机器人', 'C35'],
    ['医疗器械', 'C35'],
    ['软件开发', 'I65'],
    ['数字经济', 'I65'],
    ['人工智能', 'I65'],
    ['食品加工', 'C14'],
    ['粮油加工', 'C13'],
    ['饮料灌装', 'C15'],
    ['仓储物流', 'G59'],
    ['冷链配送', 'G59'],
    ['纺织面料', 'C17'],
    ['服装加工', 'C18'],
    ['精细化工', 'C26'],
    ['新材料', 'C26'],
    ['五金制品', 'C33'],
    ['金属制品', 'C33'],
    ['注塑件', 'C29'],
    ['塑料制品', 'C29'],
    ['家具生产', 'C21'],
    ['无人机', 'C37'],
    ['电动自行车整车组装', 'C37'],
    ['仪器仪表', 'C40'],
    ['印刷', 'C23'],
    ['纸箱包装', 'C22'],
    ['建材', 'C30'],
    ['第三方检测', 'M74'],
    ['进出口贸易', 'F51'],
  ])('%s → %s', (usage, code) => {
    expect(classifyIndustry(usage)).toEqual({ code, name: INDUSTRY_DIVISIONS[code] });
  });

  it('names the division in Chinese', () => {
    expect(classifyIndustry('汽车零部件')!.name).toBe('汽车制造业');
  });

  it('returns null for words it does not know', () => {
    expect(classifyIndustry('其他')).toBeNull();
    expect(classifyIndustry('')).toBeNull();
  });
});

describe('classifyStrategicIndustry', () => {
  it.each([
    ['新能源汽车电机生产', '新能源汽车'],
    ['动力电池', '新能源汽车'],
    ['数控机床', '高端装备制造'],
    ['工业机器人', '高端装备制造'],
    ['生物医药', '生物医药'],
    ['医疗器械', '生物医药'],
    ['软件开发', '数字经济'],
    ['芯片设计', '数字经济'],
    ['碳纤维复合材料', '新材料'],
    ['康养产业', '大健康'],
    ['保健品', '大健康'],
  ])('%s → %s', (usage, label) => {
    expect(classifyStrategicIndustry(usage)).toBe(label);
  });

  it('returns null where no strategic industry applies', () => {
    expect(classifyStrategicIndustry('家具生产')).toBeNull();
  });
});
