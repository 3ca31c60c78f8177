import { Column, CreateDateColumn, Entity, Index, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { numericTransformer } from '@app/database';
import { ParkIndustry } from './park-industry.entity.js';

export const PARK_LEVELS = ['national', 'provincial', 'city', 'county'] as const;
export type ParkLevel = (typeof PARK_LEVELS)[number];

/** 园区: an industrial park (经济技术开发区, 高新区, 产业园 …) that articles name and policies belong to. */
@Entity('park')
export class Park {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index({ unique: true })
  @Column({ type: 'text' })
  name: string;

  /** Spelling-independent key (金华经济技术开发区 and 金华开发区 → 金华开发区); one park per key. */
  @Index({ unique: true })
  @Column({ type: 'text' })
  nameKey: string;

  /** Other names articles use (金华开发区, 金华经开区). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  aliases: string[];

  @Column({ type: 'text', nullable: true })
  level: ParkLevel | null;

  /** Names of the park's industries (主导产业), kept in step with its park_industry rows. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  focusIndustries: string[];

  /** GB/T 4754 codes of the park's industries, kept in step with its park_industry rows. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  focusIndustryCodes: string[];

  /** Administrative region, e.g. 浙江省金华市. */
  @Column({ type: 'text', nullable: true })
  region: string | null;

  @Column({ type: 'text', nullable: true })
  address: string | null;

  /** 亩均税收 entry threshold (万元/亩). */
  @Column({ type: 'numeric', nullable: true, transformer: numericTransformer })
  minTaxPerMuWan: number | null;

  /** 亩均投资强度 entry threshold (万元/亩). */
  @Column({ type: 'numeric', nullable: true, transformer: numericTransformer })
  minInvestIntensityWanPerMu: number | null;

  @Column({ type: 'boolean', default: false })
  demo: boolean;

  @OneToMany(() => ParkIndustry, (i) => i.park)
  industries?: Relation<ParkIndustry>[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
