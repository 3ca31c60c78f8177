import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { numericTransformer } from '@app/database';
import { Article } from './article.entity.js';
import { Park } from './park.entity.js';

/** A figure an article reports (地区生产总值248.2亿元, 签约项目28个): a result, never a policy. */
@Entity('statistic')
export class Statistic {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  articleId: string;

  @ManyToOne(() => Article, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'article_id' })
  article?: Relation<Article>;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  parkId: string | null;

  @ManyToOne(() => Park, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'park_id' })
  park?: Relation<Park> | null;

  @Column({ type: 'text' })
  label: string;

  @Column({ type: 'numeric', transformer: numericTransformer })
  value: number;

  @Column({ type: 'text' })
  unit: string;

  @Column({ type: 'text' })
  quote: string;

  /** Order in the article. */
  @Column({ type: 'int', default: 0 })
  position: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
