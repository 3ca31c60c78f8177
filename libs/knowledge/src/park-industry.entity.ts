import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Park } from './park.entity.js';

/** An industry a park focuses on (主导产业), with its GB/T 4754 division code. */
@Entity('park_industry')
@Index(['parkId', 'name'], { unique: true })
export class ParkIndustry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  parkId: string;

  @ManyToOne(() => Park, (p) => p.industries, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'park_id' })
  park?: Relation<Park>;

  @Column({ type: 'text' })
  name: string;

  /** GB/T 4754-2017 division, e.g. C36. */
  @Index()
  @Column({ type: 'text' })
  code: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
