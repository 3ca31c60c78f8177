import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DemoService } from '@app/demo';
import { ListingsRepository } from './listings.repository.js';
import { ListingsService, type ListingInput } from './listings.service.js';
import { naturalKeyOf } from './listing-fields.js';

/** The demo park, created by the knowledge base's demo step (order 10) from an article. */
export const DEMO_PARK_NAME = '金华经济技术开发区';

const REGION = '浙江省金华市婺城区';

/**
 * Demo listings (演示): a ~3200㎡ rentable factory that fits "3000平方米厂房，租，汽车零部件，年税收300万",
 * a second larger factory, a land parcel, a sold factory and a too-small factory.
 */
export const DEMO_LISTINGS: ListingInput[] = [
  {
    externalCode: 'DEMO-F1',
    title: '金西标准厂房A栋（演示）',
    kind: 'factory',
    deal: 'rent',
    region: REGION,
    address: '金华市婺城区金西大道88号A栋',
    areaSqm: 3200,
    floors: 1,
    floorNo: 1,
    clearHeightM: 9,
    floorLoadTPerSqm: 3,
    craneTons: 10,
    powerKva: 800,
    structure: '钢结构',
    envApproved: true,
    ownership: '独立产权',
    rentQuoted: '0.7元/㎡/天',
    minTaxPerMuWan: 30,
    minInvestIntensityWanPerMu: 200,
    allowedIndustries: ['C34', 'C36', 'C38'],
    availableFrom: '2026-12-01',
  },
  {
    externalCode: 'DEMO-F2',
    title: '金西标准厂房B栋（演示）',
    kind: 'factory',
    deal: 'rent',
    region: REGION,
    address: '金华市婺城区金西大道88号B栋',
    areaSqm: 3580,
    floors: 2,
    floorNo: 1,
    clearHeightM: 7.5,
    floorLoadTPerSqm: 1.5,
    powerKva: 400,
    structure: '框架',
    envApproved: true,
    ownership: '可分割',
    rentQuoted: '26元/㎡/月',
    minTaxPerMuWan: 30,
  },
  {
    externalCode: 'DEMO-L1',
    title: '金西工业用地2026-07地块（演示）',
    kind: 'land',
    deal: 'land_transfer',
    region: REGION,
    address: '金华市婺城区金西大道以南',
    areaMu: 20,
    landUse: 'M2 二类工业用地',
    plotRatio: 2,
    landPriceWanPerMu: 32,
    minTaxPerMuWan: 30,
    minInvestIntensityWanPerMu: 300,
    allowedIndustries: ['C36', 'C38'],
  },
  {
    externalCode: 'DEMO-F3',
    title: '金西已售厂房C栋（演示）',
    kind: 'factory',
    deal: 'sale',
    status: 'sold',
    region: REGION,
    address: '金华市婺城区金西大道88号C栋',
    areaSqm: 3000,
    salePriceYuanPerSqm: 4500,
    envApproved: true,
  },
  {
    externalCode: 'DEMO-F4',
    title: '金西小微园厂房D-3（演示）',
    kind: 'factory',
    deal: 'rent',
    region: REGION,
    address: '金华市婺城区金西小微园D-3',
    areaSqm: 800,
    floors: 4,
    floorNo: 3,
    clearHeightM: 4.5,
    rentQuoted: '18元/㎡/月',
    envApproved: false,
  },
];

/** Adds the demo listings to the demo seed (order 20, after the park). Idempotent by 编号. */
@Injectable()
export class ListingsDemo implements OnModuleInit {
  constructor(
    private readonly demo: DemoService,
    private readonly service: ListingsService,
    private readonly repo: ListingsRepository,
  ) {}

  onModuleInit(): void {
    this.demo.addStep({ name: 'listings', order: 20, run: () => this.seed() });
  }

  async seed(): Promise<string> {
    const parkId = await this.service.resolvePark(DEMO_PARK_NAME);
    const existing = new Set(
      (
        await this.repo.findByNaturalKeys(
          DEMO_LISTINGS.map((l) => naturalKeyOf({ externalCode: l.externalCode ?? null, title: l.title, address: l.address })),
        )
      ).map((l) => l.naturalKey),
    );
    let created = 0;
    for (const l of DEMO_LISTINGS) {
      if (existing.has(naturalKeyOf({ externalCode: l.externalCode ?? null, title: l.title, address: l.address }))) continue;
      await this.service.create({ ...l, parkId, demo: true });
      created++;
    }
    return `${created} created${parkId ? '' : ` (park ${DEMO_PARK_NAME} not found: listings without park)`}`;
  }
}
