import { evaluateConditions, validateConditionRule, type ConditionRule } from './conditions.js';
import { extractArticle } from './extract-article.js';
import { htmlToText } from './html-to-text.js';
import { findIndustries } from './industries.js';
import { findParks, parkKey } from './parks.js';
import { splitSentences } from './sentences.js';

describe('park names', () => {
  it('finds parks after verbs and time words and merges 金华开发区 with 金华经济技术开发区', () => {
    const r = extractArticle({
      title: '金华开发区招商推介会',
      body: '今年，项目落户国家级金华经济技术开发区。金华开发区还与温岭东部新区、合肥高新区结对。',
    });
    expect(r.parks.map((p) => [p.name, p.aliases, p.level])).toEqual([
      ['金华经济技术开发区', ['金华开发区'], 'national'],
      ['温岭东部新区', [], null],
      ['合肥高新区', [], null],
    ]);
  });

  it('keys spellings of one park alike and ignores 园区 without a name', () => {
    expect(parkKey('金华经开区')).toBe(parkKey('金华经济技术开发区'));
    expect(parkKey('合肥高新技术产业开发区')).toBe('合肥高新区');
    expect(findParks('入驻园区的企业和本开发区')).toEqual([]);
  });
});

describe('text', () => {
  it('strips scripts, navigation, footers and entities from HTML', () => {
    const html =
      '<html><head><style>p{}</style><script>var x="免收房租";</script></head><body><nav>首页 &gt; 新闻</nav>' +
      '<div class="content"><p>开发区&nbsp;出台&ldquo;十条&rdquo;</p><p>免收2月份房租。</p></div>' +
      '<footer>版权所有 金华开发区</footer><p>浙ICP备12345号</p></body></html>';
    expect(htmlToText(html)).toBe('开发区 出台“十条”\n免收2月份房租。');
  });

  it('splits sentences on 。；！？ and newlines, keeping closing quotes', () => {
    expect(splitSentences('他说：“欢迎投资。”园区很好；真的！\n第二段？').map((s) => s.text)).toEqual([
      '他说：“欢迎投资。”',
      '园区很好；',
      '真的！',
      '第二段？',
    ]);
  });

  it('finds the longest industry name (新能源汽车 is not also 新能源)', () => {
    expect(findIndustries('聚焦新能源汽车和健康生物医药').map((i) => [i.term.name, i.term.code])).toEqual([
      ['新能源汽车', 'C36'],
      ['生物医药', 'C27'],
    ]);
  });
});

describe('evaluateConditions', () => {
  const rule: ConditionRule = {
    and: [
      { fact: 'fixedAssetInvestmentWan', op: 'gte', value: 6000 },
      {
        or: [
          { fact: 'investIntensityWanPerMu', op: 'gte', value: 200 },
          { fact: 'taxPerMuWan', op: 'gte', value: 10 },
        ],
      },
    ],
  };

  it('passes when every branch holds, deriving 亩均投资强度 from investment and land', () => {
    const e = evaluateConditions(rule, { fixedAssetInvestmentWan: 8000, landAreaMu: 30 });
    expect(e.result).toBe(true);
    expect(e.reasons[0]).toContain('固定资产投资 8000万元 满足');
  });

  it('fails on one false conjunct even when other facts are unknown', () => {
    expect(evaluateConditions(rule, { fixedAssetInvestmentWan: 3000 })).toMatchObject({ result: false, missing: [] });
  });

  it('is unknown and names the missing facts when the answer depends on them', () => {
    expect(evaluateConditions(rule, { fixedAssetInvestmentWan: 8000 })).toMatchObject({
      result: 'unknown',
      missing: ['investIntensityWanPerMu', 'taxPerMuWan'],
    });
  });

  it('treats no conditions as always true and validates hand-written trees', () => {
    expect(evaluateConditions(null, {}).result).toBe(true);
    expect(validateConditionRule({ and: [{ fact: 'nope', op: 'gte', value: 1 }] }).map((e) => e.field)).toEqual(['conditions.and[0].fact']);
    expect(validateConditionRule(rule)).toEqual([]);
  });
});
