import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** 团队: a group of consultants a rule can target; one may be the default. */
@Entity('team')
export class Team {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  /** Leads that no rule places go to the default team. */
  @Column({ type: 'boolean', default: false })
  isDefault: boolean;

  /** WeCom group robot key of the team chat. */
  @Column({ type: 'text', nullable: true })
  robotKey: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
