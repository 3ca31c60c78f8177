import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { numericTransformer } from '@app/leads';

export const LISTING_KINDS = ['factory', 'land', 'office', 'warehouse'] as const;
export type ListingKind = (typeof LISTING_KINDS)[number];
export const LISTING_DEALS = ['rent', 'sale', 'land_transfer'] as const;
export type ListingDeal = (typeof LISTING_DEALS)[number];
export const LISTING_STATUSES = ['available', 'reserved', 'let', 'sold'] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];

/** 载体: a factory, land parcel, office or warehouse offered for rent, sale or land transfer (出让). */
@Entity('listing')
// Matching filters on kind + deal + status and an area range: one composite index serves it.
@Index('listing_match_idx', ['kind', 'deal', 'status', 'areaSqm'])
@Index('listing_natural_key_idx', ['naturalKey'], { unique: true })
export class Listing {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Import identity: the external code (编号) when given, else title + address, normalised. */
  @Column({ type: 'text' })
  naturalKey: string;

  @Column({ type: 'text', nullable: true })
  externalCode: string | null;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  kind: ListingKind;

  @Column({ type: 'text' })
  deal: ListingDeal;

  @Column({ type: 'text', default: 'available' })
  status: ListingStatus;

  /** Park (园区); no FK so listings can be loaded before the knowledge base. */
  @Index('listing_park_id_idx')
  @Column({ type: 'uuid', nullable: true })
  parkId: string | null;

  /** Province/city/district, e.g. 浙江省金华市婺城区. */
  @Column({ type: 'text', nullable: true })
  region: string | null;

  @Column({ type: 'text', nullable: true })
  address: string | null;

  /** Also indexed alone: "nearest by area" scans for the listings matching rules out. */
  @Index('listing_area_sqm_idx')
  @Column({ type: 'numeric', nullable: true, transformer: numericTransformer })
  areaSqm: number | null;

  /** Land area in 亩 (land listings). */
  @Column({ type: 'numeric', nullable: true, transformer: numericTransformer })
  areaMu: number | null;

  @Column({ type: 'int', nullable: true })
  floors: number | null;

  @Column({ type: 'int', nullable: true })
  floorNo: number | null;

  /** 层高/净高 m */
  @Column({ type: 'numeric', nullable: true, transformer: numericTransformer })
  clearHeightM: number | null;

  /** 承重 t/㎡ */
  @Column({ type: 'numeric', nullable: true, transformer: numericTransformer })
  floorLoadTPerSqm: number | null;

  /** 行车 t */
  @Column({ type: 'numeric', nullable: true, transformer: numericTransformer })
  craneTons: number | null;

  /** 配电 kVA */
  @Column({ type: 'numeric', nullable: true, transformer: numericTransformer })
  powerKva: number | null;

  /** 钢结构/框架/砖混 */
  @Column({ type: 'text', nullable: true })
  structure: string | null;

  /** 可环评 */
  @Column({ type: 'boolean', nullable: true })
  envApproved: boolean | null;

  /** 独立产权/可分割/集体土地/二房东转租 */
  @Column({ type: 'text', nullable: true })
  ownership: string | null;

  /** 用途, e.g. M2 二类工业用地 */
  @Column({ type: 'text', nullable: true })
  landUse: string | null;

  @Column({ type: 'numeric', nullable: true, transformer: numericTransformer })
  plotRatio: number | null;

  /** Rent normalised to 元/㎡/月 (a 元/㎡/天 quote × 365 / 12). */
  @Column({ type: 'numeric', nullable: true, transformer: numericTransformer })
  rentYuanPerSqmMonth: number | null;

  /** The rent as quoted, e.g. "0.8元/㎡/天". */
  @Column({ type: 'text', nullable: true })
  rentQuotedRaw: string | null;

  @Column({ type: 'numeric', nullable: true, transformer: numericTransformer })
  salePriceYuanPerSqm: number | null;

  @Column({ type: 'numeric', nullable: true, transformer: numericTransformer })
  landPriceWanPerMu: number | null;

  /** 亩均税收 entry threshold, 万元/亩. */
  @Column({ type: 'numeric', nullable: true, transformer: numericTransformer })
  minTaxPerMuWan: number | null;

  /** 投资强度 entry threshold, 万元/亩. */
  @Column({ type: 'numeric', nullable: true, transformer: numericTransformer })
  minInvestIntensityWanPerMu: number | null;

  /** GB/T 4754 codes admitted; empty = unrestricted. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  allowedIndustries: string[];

  @Column({ type: 'date', nullable: true })
  availableFrom: string | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ type: 'boolean', default: false })
  demo: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
