import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinTable,
  ManyToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { Park } from './park.entity.js';

/** 招商文章: a park news item or policy notice, as ingested. */
@Entity('article')
export class Article {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  title: string;

  /** Plain text (HTML stripped); every policy quote is a substring of it. */
  @Column({ type: 'text' })
  body: string;

  /** The HTML as submitted, when it was HTML. */
  @Column({ type: 'text', nullable: true })
  html: string | null;

  @Index({ unique: true })
  @Column({ type: 'text', nullable: true })
  sourceUrl: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  /** sha256 of the normalised text: re-ingesting the same text updates instead of duplicating. */
  @Index()
  @Column({ type: 'text' })
  contentHash: string;

  @Column({ type: 'boolean', default: false })
  demo: boolean;

  @ManyToMany(() => Park)
  @JoinTable({ name: 'article_park', joinColumn: { name: 'article_id' }, inverseJoinColumn: { name: 'park_id' } })
  parks?: Relation<Park>[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
