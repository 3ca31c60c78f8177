import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Shared routing counters. The row 'global' is updated (and so row-locked) by every routing
 * decision, claim, assignment and release: it serialises them across processes and numbers them.
 */
@Entity('routing_state')
export class RoutingState {
  @PrimaryColumn({ type: 'text' })
  key: string;

  @Column({ type: 'bigint', default: 0 })
  seq: string;
}

/** Round-robin position: the decision number of the last assignment of a consultant in a scope. */
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
