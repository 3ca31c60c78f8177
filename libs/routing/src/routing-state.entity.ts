import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Former routing lock: until migration RoutingLockFree the row 'global' was updated (and so
 * row-locked) by every decision. No longer written: decisions are numbered by the sequence
 * routing_decision_seq and nothing is serialised (docs/routing.md). Kept for history.
 */
@Entity('routing_state')
export class RoutingState {
  @PrimaryColumn({ type: 'text' })
  key: string;

  @Column({ type: 'bigint', default: 0 })
  seq: string;
}

/** Former round-robin position (replaced by one sequence per scope); no longer written. */
@Entity('routing_rotation')
export class RoutingRotation {
  @PrimaryColumn({ type: 'text' })
  scope: string;

  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @Column({ type: 'bigint' })
  lastSeq: string;
}

/** 节假日: public holidays and make-up working days overriding the weekday rule. */
@Entity('holiday_calendar')
export class HolidayCalendar {
  @PrimaryColumn({ type: 'date' })
  date: string;

  /** 'holiday' (放假) or 'workday' (调休上班). */
  @Column({ type: 'text' })
  kind: 'holiday' | 'workday';

  @Column({ type: 'text' })
  name: string;
}
