import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lock-free routing (docs/routing.md, docs/performance.md): a trigger-kept open-lead counter per
 * consultant (sharded by backend), a decision-number sequence, per-scope round-robin sequences
 * created on first use, and the capacity reservation used by every owner change that must respect
 * capacity.
 */
export class RoutingLockFree1795624279557 implements MigrationInterface {
  name = 'RoutingLockFree1795624279557';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "consultant_load" ("user_id" uuid NOT NULL, "shard" smallint NOT NULL, "open_leads" integer NOT NULL DEFAULT '0', CONSTRAINT "consultant_load_pkey" PRIMARY KEY ("user_id", "shard"))`);
    // Open = not signed/landed/lost (OPEN_STAGES). One row per (consultant, backend pid % 64).
    await queryRunner.query(`CREATE OR REPLACE FUNCTION zs_consultant_load_on_lead() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        old_owner uuid;
        new_owner uuid;
        v_shard smallint := (pg_backend_pid() % 64)::smallint;
      BEGIN
        IF TG_OP <> 'INSERT' AND OLD.owner_id IS NOT NULL AND OLD.stage NOT IN ('signed', 'landed', 'lost') THEN old_owner := OLD.owner_id; END IF;
        IF TG_OP <> 'DELETE' AND NEW.owner_id IS NOT NULL AND NEW.stage NOT IN ('signed', 'landed', 'lost') THEN new_owner := NEW.owner_id; END IF;
        IF old_owner IS NOT DISTINCT FROM new_owner THEN RETURN NULL; END IF;
        IF old_owner IS NOT NULL THEN
          INSERT INTO consultant_load (user_id, shard, open_leads) VALUES (old_owner, v_shard, -1)
          ON CONFLICT (user_id, shard) DO UPDATE SET open_leads = consultant_load.open_leads - 1;
        END IF;
        IF new_owner IS NOT NULL THEN
          INSERT INTO consultant_load (user_id, shard, open_leads) VALUES (new_owner, v_shard, 1)
          ON CONFLICT (user_id, shard) DO UPDATE SET open_leads = consultant_load.open_leads + 1;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER lead_consultant_load_insert AFTER INSERT ON lead FOR EACH ROW WHEN (NEW.owner_id IS NOT NULL) EXECUTE FUNCTION zs_consultant_load_on_lead()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER lead_consultant_load_update AFTER UPDATE OF owner_id, stage ON lead FOR EACH ROW WHEN (OLD.owner_id IS DISTINCT FROM NEW.owner_id OR OLD.stage IS DISTINCT FROM NEW.stage) EXECUTE FUNCTION zs_consultant_load_on_lead()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER lead_consultant_load_delete AFTER DELETE ON lead FOR EACH ROW WHEN (OLD.owner_id IS NOT NULL) EXECUTE FUNCTION zs_consultant_load_on_lead()`,
    );
    await queryRunner.query(`INSERT INTO consultant_load (user_id, shard, open_leads)
      SELECT owner_id, 0, count(*) FROM lead WHERE owner_id IS NOT NULL AND stage NOT IN ('signed', 'landed', 'lost') GROUP BY owner_id`);

    // Decision numbers (assignment events, notification keys): non-transactional, never blocks.
    await queryRunner.query(`CREATE SEQUENCE IF NOT EXISTS routing_decision_seq`);
    await queryRunner.query(`SELECT setval('routing_decision_seq', greatest((SELECT max(seq) FROM routing_state), 1))`);
    // Round robin per scope ('rule:<id>', 'team:<id>'): one sequence each, created on first use.
    await queryRunner.query(`CREATE OR REPLACE FUNCTION zs_routing_rotation_next(p_scope text) RETURNS bigint LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        seq_name text := 'routing_rr_' || substr(md5(p_scope), 1, 24);
      BEGIN
        IF to_regclass(seq_name) IS NULL THEN
          BEGIN
            EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %I', seq_name);
          EXCEPTION WHEN unique_violation OR duplicate_table THEN
            NULL; -- created concurrently by another transaction, now committed
          END;
        END IF;
        RETURN nextval(seq_name::regclass);
      END $$`);
    // Capacity reservation for one consultant; returns the open load before this lead, or -1 - load
    // when full. Shared lock while load + max_connections <= capacity (one pending assignment per
    // transaction: nobody in flight can fill it); otherwise, or when p_exclusive (a transaction that
    // assigns several leads), an exclusive lock, which waits for every shared holder to commit. Each
    // attempt runs in a subtransaction, so a lock that leads nowhere is released at once.
    await queryRunner.query(`CREATE OR REPLACE FUNCTION zs_routing_reserve(p_user uuid, p_capacity integer, p_exclusive boolean) RETURNS integer LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        n integer;
        k bigint := hashtextextended('routing-load:' || p_user::text, 0);
        slack integer := current_setting('max_connections')::integer;
      BEGIN
        IF NOT p_exclusive THEN
          BEGIN
            PERFORM pg_advisory_xact_lock_shared(k);
            SELECT coalesce(sum(open_leads), 0)::integer INTO n FROM consultant_load WHERE user_id = p_user;
            IF n + slack <= p_capacity THEN
              RETURN n;
            END IF;
            RAISE EXCEPTION 'zs_routing_near_capacity';
          EXCEPTION WHEN raise_exception THEN
            NULL;
          END;
        END IF;
        BEGIN
          PERFORM pg_advisory_xact_lock(k);
          SELECT coalesce(sum(open_leads), 0)::integer INTO n FROM consultant_load WHERE user_id = p_user;
          IF n < p_capacity THEN
            RETURN n;
          END IF;
          RAISE EXCEPTION 'zs_routing_full';
        EXCEPTION WHEN raise_exception THEN
          RETURN -1 - n;
        END;
      END $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION IF EXISTS zs_routing_reserve(uuid, integer, boolean)`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS zs_routing_rotation_next(text)`);
    await queryRunner.query(`DROP SEQUENCE IF EXISTS routing_decision_seq`);
    await queryRunner.query(`DROP TRIGGER IF EXISTS lead_consultant_load_delete ON lead`);
    await queryRunner.query(`DROP TRIGGER IF EXISTS lead_consultant_load_update ON lead`);
    await queryRunner.query(`DROP TRIGGER IF EXISTS lead_consultant_load_insert ON lead`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS zs_consultant_load_on_lead()`);
    await queryRunner.query(`DROP TABLE "consultant_load"`);
  }
}
