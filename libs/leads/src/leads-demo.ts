import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DemoService } from '@app/demo';
import type { LeadStage } from './lead.entity.js';
import { LeadIntakeService } from './lead-intake.service.js';
import { LeadsRepository } from './leads.repository.js';

/** Demo investors' requests, in the shapes real ones arrive: a form, a pasted WeChat message, an article form. */
const DEMO_LEADS: { stage: LeadStage; input: Parameters<LeadIntakeService['submit']>[0] }[] = [
  {
    stage: 'new',
    input: {
      need: '标准厂房3000平方，租，层高8米，需要10吨行车',
      usage: '新能源汽车驱动电机生产',
      tax: '年税收300万',
      company: '演示·金华恒驰电机有限公司',
      contact: '王先生',
      phone: '13800000101',
      channel: 'web',
      consent: true,
      shareConsent: true,
    },
  },
  {
    stage: 'contacted',
    input: {
      message:
        '您好！需求：工业用地30-50亩，拿地自建；用途：生物医药原料药生产；税收：预计年税收1.2亿；公司：演示·浙江康元药业有限公司；联系人：赵总；手机：13800000102',
      channel: 'wechat',
      consent: true,
    },
  },
  {
    stage: 'qualified',
    input: {
      need: '写字楼800平左右，租',
      usage: '软件研发、大数据服务',
      tax: '200万元/年',
      company: '演示·杭州云帆软件科技有限公司',
      contact: '陈女士',
      phone: '13800000103',
      channel: 'article',
      consent: true,
    },
  },
  {
    stage: 'site_visit',
    input: {
      need: '厂房5000-8000平方，购买，用电800千伏安，可环评',
      usage: '汽车零部件压铸',
      tax: '年纳税500万元',
      company: '演示·宁波拓普压铸有限公司',
      contact: '唐总',
      phone: '13800000104',
      channel: 'referral',
      consent: true,
    },
  },
  {
    stage: 'negotiating',
    input: {
      need: '土地20亩，出让',
      usage: '工业机器人及智能装备制造',
      tax: '亩均税收30万',
      company: '演示·合肥智行机器人有限公司',
      contact: '曹经理',
      phone: '13800000105',
      channel: 'phone',
      consent: true,
      investmentWan: 30000,
    },
  },
];

/** Demo seed step (order 30, after knowledge and listings): a few leads through the real intake, in different stages. */
@Injectable()
export class LeadsDemo implements OnModuleInit {
  constructor(
    private readonly demo: DemoService,
    private readonly intake: LeadIntakeService,
    private readonly leads: LeadsRepository,
  ) {}

  onModuleInit(): void {
    this.demo.addStep({ name: 'leads', order: 30, run: () => this.seed() });
  }

  async seed(): Promise<string> {
    if (await this.leads.hasDemoLeads()) return 'already seeded';
    for (const { stage, input } of DEMO_LEADS) {
      const r = await this.intake.submit(input, { ip: null, userAgent: 'demo-seed', demo: true });
      if (stage === 'new') continue;
      await this.leads.transaction(async (m) => {
        const lead = (await this.leads.findById(r.body.id, m))!;
        const from = lead.stage;
        lead.stage = stage;
        await this.leads.saveLead(lead, m);
        await this.leads.addEvent(m, lead.id, 'stage_change', { from, to: stage, demo: true });
      });
    }
    return `${DEMO_LEADS.length} leads`;
  }
}
