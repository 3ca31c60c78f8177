import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Lead } from '@app/leads';
import { User } from '@app/identity';
import { Listing } from './listing.entity.js';

/** 撞单 prevention: a listing being pitched to one lead, until a time; other consultants see it as held. */
@Entity('listing_hold')
@Index('listing_hold_listing_id_until_idx', ['listingId', 'until'])
export class ListingHold {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  listingId: string;

  @ManyToOne(() => Listing, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'listing_id' })
  listing?: Relation<Listing>;

  @Column({ type: 'uuid' })
  leadId: string;

  @ManyToOne(() => Lead, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lead_id' })
  lead?: Relation<Lead>;

  @Column({ type: 'uuid', nullable: true })
  heldById: string | null;

  @ManyToOne(() => User, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'held_by_id' })
  heldBy?: Relation<User> | null;

  @Column({ type: 'timestamptz' })
  until: Date;

  /** Set when released early. */
  @Column({ type: 'timestamptz', nullable: true })
  releasedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
