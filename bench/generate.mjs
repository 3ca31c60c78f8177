// Realistic data at production scale, written with bulk SQL (batched unnest inserts and
// generate_series), keeping the invariants the services enforce: phones encrypted (AES-GCM) with the
// keyed hash used for dedupe, unique references, owners that are consultants, stage histories that
// only move forward, events in time order after the lead's creation.
import { createCipheriv, createHmac, randomBytes } from 'node:crypto';
import pg from 'pg';
import { hash } from '@node-rs/argon2';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split('');
const CITIES = ['金华', '义乌', '杭州', '宁波', '温州', '台州', '绍兴', '嘉兴', '湖州', '衢州', '丽水', '苏州', '无锡', '常州', '合肥', '上海'];
const WORDS = ['精密', '智能', '新能源', '华创', '博远', '鼎盛', '恒通', '瑞达', '汇丰', '明阳', '天成', '星辰', '蓝海', '宏图', '科锐', '振华', '东方', '中科', '德力', '凯瑞'];
const TRADES = [
  ['电机科技', 'C38', '电机及电气设备生产', 'factory'],
  ['汽车零部件', 'C36', '汽车零部件制造', 'factory'],
  ['生物医药', 'C27', '生物医药研发与中试', 'factory'],
  ['电子科技', 'C39', '芯片封装测试', 'factory'],
  ['机械制造', 'C34', '数控机床及通用设备', 'land'],
  ['数字科技', 'I65', '软件研发', 'office'],
  ['食品', 'C14', '食品加工', 'factory'],
  ['供应链', 'G59', '仓储物流', 'warehouse'],
  ['新材料', 'C26', '高分子新材料生产', 'land'],
  ['金属制品', 'C33', '五金金属制品', 'factory'],
];
const CHANNELS = ['web', 'web', 'web', 'article', 'article', 'wechat', 'phone', 'referral', 'import'];
const PATH = ['new', 'contacted', 'qualified', 'site_visit', 'negotiating', 'signed', 'landed'];
const LOST = ['price', 'area_mismatch', 'policy', 'chose_other_park', 'invalid', 'unreachable', 'other'];

/** Deterministic pseudo-random numbers, so two runs generate the same data. */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function encrypt(key, plain) {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  return `v1:${Buffer.concat([iv, c.getAuthTag(), data]).toString('base64')}`;
}

export async function generate(databaseUrl, opts) {
  const { leads = 1_000_000, eventsPerLead = 5, listings = 100_000, parks = 300, articles = 1000, consultants = 50, dataKey, hashKey, say = () => {} } = opts;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const rand = rng(20261125);
  const pick = (a) => a[Math.floor(rand() * a.length)];
  const t0 = Date.now();
  try {
    await client.query('SET synchronous_commit = off');

    say(`  consultants: ${consultants}`);
    const pw = await hash('bench-consultant-2026', { memoryCost: 19456, timeCost: 2, parallelism: 1 });
    const { rows: users } = await client.query(
      `INSERT INTO app_user (email, name, role, password_hash)
       SELECT 'c' || i || '@bench.local', '顾问' || i, 'consultant', $1 FROM generate_series(1, $2) i RETURNING id`,
      [pw, consultants],
    );
    const consultantIds = users.map((u) => u.id);
    await client.query(
      `INSERT INTO consultant_profile (user_id, industries, capacity, active, email)
       SELECT id, ARRAY[(ARRAY['C36','C38','C27','C39','C34','I65'])[1 + (row_number() OVER ()) % 6]], 100000, true, email FROM app_user WHERE id = ANY($1)`,
      [consultantIds],
    );

    say(`  parks: ${parks}, articles: ${articles} with policies`);
    await client.query(
      `INSERT INTO park (name, name_key, level, focus_industries, focus_industry_codes, region, min_tax_per_mu_wan, min_invest_intensity_wan_per_mu)
       SELECT c || '第' || i || '产业园', c || '第' || i || '产业园', CASE WHEN i % 5 = 0 THEN '国家级' ELSE '省级' END,
              ARRAY['高端装备制造','新能源汽车'], ARRAY[(ARRAY['C36','C38','C27','C39','C34'])[1 + i % 5], 'C35'],
              c, 10 + (i % 26), 100 + (i % 200)
       FROM generate_series(1, $1) i, LATERAL (SELECT ($2::text[])[1 + i % array_length($2::text[], 1)] AS c) x`,
      [parks, CITIES],
    );
    await client.query(
      `INSERT INTO article (title, body, content_hash, published_at)
       SELECT '招商动态第' || i || '期', '园区招商政策与项目动态（基准数据）第' || i || '期', md5('bench-article-' || i), now() - make_interval(days => i)
       FROM generate_series(1, $1) i`,
      [articles],
    );
    await client.query(
      `INSERT INTO policy (park_id, article_id, kind, title, quote, percent, cap_wan, amount_wan, months, status, conditions)
       SELECT p.id, a.id, k.kind, k.title, k.quote, k.percent, k.cap, k.amount, k.months, 'reviewed', k.cond::jsonb
       FROM (SELECT id, row_number() OVER () rn FROM article) a
       JOIN (SELECT id, row_number() OVER () rn FROM park) p ON p.rn = 1 + a.rn % $1
       CROSS JOIN (VALUES
         ('rent_waiver', '免收首月房租', '入驻企业免收首月房租', 100, NULL::numeric, NULL::numeric, ARRAY[1], NULL),
         ('equipment_subsidy', '设备投资补助', '按设备投资额的15%给予不超过300万元的奖励', 15, 300, NULL, ARRAY[]::int[], '{"fact":"investmentWan","op":">=","value":500}'),
         ('talent_subsidy', '人才招聘补助', '人才招聘扶持资金给予20万元补助', NULL, NULL, 20, ARRAY[]::int[], NULL)
       ) k(kind, title, quote, percent, cap, amount, months, cond)`,
      [parks],
    );

    say(`  listings: ${listings}`);
    await client.query(
      `INSERT INTO listing (natural_key, title, kind, deal, status, park_id, region, address, area_sqm, area_mu, clear_height_m, floor_load_t_per_sqm,
                            crane_tons, power_kva, env_approved, rent_yuan_per_sqm_month, sale_price_yuan_per_sqm, land_price_wan_per_mu,
                            min_tax_per_mu_wan, allowed_industries)
       SELECT 'bench-' || i, k.kind_zh || i || '号', k.kind, k.deal,
              (ARRAY['available','available','available','available','reserved','let','sold'])[1 + i % 7],
              p.id, p.region, p.region || '经济开发区' || i || '号',
              CASE WHEN k.kind = 'land' THEN round((10 + i % 90) * 666.67) ELSE 500 + (i * 37) % 20000 END,
              CASE WHEN k.kind = 'land' THEN 10 + i % 90 ELSE NULL END,
              CASE WHEN k.kind = 'factory' THEN 5 + i % 8 ELSE NULL END,
              CASE WHEN k.kind = 'factory' THEN 1 + (i % 4) * 0.5 ELSE NULL END,
              CASE WHEN k.kind = 'factory' AND i % 3 = 0 THEN 5 + i % 20 ELSE NULL END,
              CASE WHEN k.kind = 'factory' THEN 200 + (i % 10) * 100 ELSE NULL END,
              i % 4 <> 0,
              CASE WHEN k.deal = 'rent' THEN 15 + i % 30 ELSE NULL END,
              CASE WHEN k.deal = 'sale' THEN 2500 + i % 3000 ELSE NULL END,
              CASE WHEN k.kind = 'land' THEN 20 + i % 40 ELSE NULL END,
              CASE WHEN i % 2 = 0 THEN 10 + i % 30 ELSE NULL END,
              CASE WHEN i % 5 = 0 THEN ARRAY['C36','C38'] ELSE ARRAY[]::text[] END
       FROM generate_series(1, $1) i
       JOIN (SELECT id, region, row_number() OVER () rn FROM park) p ON p.rn = 1 + i % $2
       CROSS JOIN LATERAL (SELECT * FROM (VALUES ('factory','rent','厂房'), ('factory','sale','厂房'), ('land','land_transfer','地块'), ('office','rent','写字楼'), ('warehouse','rent','仓库'))
                           v(kind, deal, kind_zh) OFFSET (i % 5) LIMIT 1) k`,
      [listings, parks],
    );

    say(`  leads: ${leads}`);
    const { rows: articleRows } = await client.query('SELECT id FROM article');
    const articleIds = articleRows.map((r) => r.id);
    const threeYears = 3 * 365 * 86400_000;
    const now = Date.now();
    const batch = 10_000;
    // Bulk load: the per-row open-lead counter trigger is off; consultant_load is rebuilt once below.
    await client.query('ALTER TABLE lead DISABLE TRIGGER lead_consultant_load_insert');
    for (let start = 0; start < leads; start += batch) {
      const n = Math.min(batch, leads - start);
      const cols = Array.from({ length: 20 }, () => []);
      for (let j = 0; j < n; j++) {
        const i = start + j;
        const [trade, code, usage, kind] = pick(TRADES);
        const city = pick(CITIES);
        const company = `${city}${pick(WORDS)}${trade}有限公司`;
        const phone = `+86${pick(['138', '139', '136', '158', '186', '177'])}${String(10_000_000 + ((i * 7919) % 89_999_999)).padStart(8, '0')}`;
        const created = new Date(now - threeYears + Math.floor((i / leads) * threeYears) + Math.floor(rand() * 3600_000));
        // how far along the pipeline this lead got; ~18 % lost
        const r = rand();
        const depth = r < 0.3 ? 0 : r < 0.55 ? 1 : r < 0.7 ? 2 : r < 0.8 ? 3 : r < 0.88 ? 4 : r < 0.95 ? 5 : 6;
        const lost = depth < 5 && rand() < 0.22;
        const stage = lost ? 'lost' : PATH[depth];
        const tax = Math.round(20 + rand() * 800);
        const area = Math.round(500 + rand() * 20000);
        const channel = pick(CHANNELS);
        const vals = [
          `ZS-${created.getUTCFullYear()}-B${String(i).padStart(7, '0')}`,
          stage,
          consultantIds[i % consultantIds.length],
          channel,
          channel === 'article' ? pick(articleIds) : null,
          company,
          `${pick(SURNAMES)}${pick(['先生', '女士', '总', '经理'])}`,
          encrypt(dataKey, phone),
          createHmac('sha256', hashKey).update(phone).digest('hex'),
          `${phone.slice(3, 6)}****${phone.slice(-4)}`,
          phone.slice(-4),
          `${kind === 'land' ? '工业用地' : '厂房'}${area}平方米`,
          usage,
          `年税收${tax}万`,
          kind,
          code,
          tax,
          area,
          created.toISOString(),
          depth >= 1 || lost ? new Date(created.getTime() + Math.floor(5 + rand() * 240) * 60_000).toISOString() : null,
        ];
        vals.forEach((v, k) => cols[k].push(v));
      }
      await client.query(
        `INSERT INTO lead (reference, stage, owner_id, assigned_at, channel, source_article_id, company, contact_name, phone_enc, phone_hash, phone_masked, phone_last4,
                           need, usage, tax_text, property_type, deal_type, industry_code, annual_tax_wan, area_sqm_min, area_sqm_max, area_unit,
                           created_at, updated_at, first_response_at, last_activity_at, lost_reason,
                           signed_investment_wan, signed_annual_tax_wan, signed_at)
         SELECT u.ref, u.stage, u.owner, u.created, u.channel, u.article, u.company, u.contact, u.enc, u.hash, u.masked, u.last4,
                u.need, u.usage, u.tax_text, u.kind, CASE WHEN u.kind = 'land' THEN 'buy' ELSE 'rent' END, u.code, u.tax, u.area * 0.8, u.area * 1.2, 'sqm',
                u.created, u.created, u.first_response, u.first_response,
                CASE WHEN u.stage = 'lost' THEN (ARRAY['price','area_mismatch','policy','chose_other_park','invalid','unreachable','other'])[1 + abs(hashtext(u.ref)) % 7] END,
                CASE WHEN u.stage IN ('signed','landed') THEN u.tax * 20 END,
                CASE WHEN u.stage IN ('signed','landed') THEN u.tax END,
                CASE WHEN u.stage IN ('signed','landed') THEN u.created + interval '60 days' END
         FROM unnest($1::text[], $2::text[], $3::uuid[], $4::text[], $5::uuid[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[],
                     $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::numeric[], $18::numeric[], $19::timestamptz[], $20::timestamptz[])
              AS u(ref, stage, owner, channel, article, company, contact, enc, hash, masked, last4, need, usage, tax_text, kind, code, tax, area, created, first_response)`,
        cols,
      );
      if ((start / batch) % 10 === 0) say(`    ${start + n} leads (${Math.round((Date.now() - t0) / 1000)} s)`);
    }
    await client.query("SELECT setval('lead_reference_seq', 1)");
    await client.query('ALTER TABLE lead ENABLE TRIGGER lead_consultant_load_insert');
    await client.query(`DELETE FROM consultant_load`);
    await client.query(
      `INSERT INTO consultant_load (user_id, shard, open_leads)
       SELECT owner_id, 0, count(*) FROM lead WHERE owner_id IS NOT NULL AND stage NOT IN ('signed', 'landed', 'lost') GROUP BY owner_id`,
    );

    say('  stage history');
    await client.query(
      `INSERT INTO lead_stage_change (lead_id, from_stage, to_stage, lost_reason, actor_id, at)
       SELECT l.id, p.stages[s.k - 1], p.stages[s.k], NULL, l.owner_id, l.created_at + make_interval(days => s.k * 7)
       FROM lead l
       CROSS JOIN (SELECT ARRAY['new','contacted','qualified','site_visit','negotiating','signed','landed'] AS stages) p
       JOIN LATERAL generate_series(2, array_position(p.stages, l.stage)) s(k) ON true
       WHERE l.stage <> 'new' AND l.stage <> 'lost'`,
    );
    await client.query(
      `INSERT INTO lead_stage_change (lead_id, from_stage, to_stage, lost_reason, actor_id, at)
       SELECT id, 'contacted', 'lost', lost_reason, owner_id, created_at + interval '10 days' FROM lead WHERE stage = 'lost'`,
    );

    const events = leads * eventsPerLead;
    say(`  events: ${events}`);
    await client.query(
      `INSERT INTO lead_event (lead_id, type, actor_id, at, data)
       SELECT l.id, (ARRAY['inquiry','assignment','activity','stage_change','note','notification'])[1 + (k - 1) % 6],
              CASE WHEN k = 1 THEN NULL ELSE l.owner_id END, l.created_at + make_interval(mins => (k - 1) * 90), '{}'::jsonb
       FROM lead l CROSS JOIN generate_series(1, $1) k`,
      [eventsPerLead],
    );
    // The triggers on lead / lead_stage_change kept lead_report_fact and marked the touched days dirty;
    // build the daily report rollups, response-time histograms and stored response minutes now (set-based, once), not in the first report request.
    say('  report rollups');
    await client.query('SELECT zs_report_refresh()');
    // VACUUM as well: a freshly bulk-loaded table has no visibility map (no index-only scans) and
    // autovacuum would otherwise process 5M new rows while the reads are being timed.
    say('  vacuum analyze');
    await client.query('VACUUM (ANALYZE)');
    // …and a checkpoint, so the bulk load's dirty pages are not written out during the timed reads.
    say('  checkpoint');
    await client.query('CHECKPOINT');
    return { consultantIds, seconds: (Date.now() - t0) / 1000 };
  } finally {
    await client.end();
  }
}
