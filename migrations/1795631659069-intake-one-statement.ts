import type { MigrationInterface, QueryRunner } from 'typeorm';

/** `zs_lead_intake(jsonb)` as this migration created it (IntakeBatch1795649771630 replaces it and restores it on `down`). */
export const LEAD_INTAKE_FUNCTION = `CREATE OR REPLACE FUNCTION zs_lead_intake(p jsonb) RETURNS jsonb LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        v_key text := p->>'key';
        v_hash text := p->'lead'->>'phone_hash';
        v_spam boolean := coalesce((p->'lead'->>'spam')::boolean, false);
        v_status int;
        v_response jsonb;
        v_id uuid;
        v_ref text;
        v_stage text;
        v_prev uuid;
        v_n text;
        v_created timestamptz;
        v_updated timestamptz;
        v_outcome text;
      BEGIN
        IF v_key IS NOT NULL THEN
          PERFORM pg_advisory_xact_lock(hashtextextended('lead-idem:' || v_key, 0));
          SELECT status, response INTO v_status, v_response FROM intake_idempotency WHERE key = v_key;
          IF FOUND THEN
            RETURN jsonb_build_object('outcome', 'replayed', 'status', v_status, 'response', v_response);
          END IF;
        END IF;
        PERFORM pg_advisory_xact_lock(hashtextextended('lead-phone:' || v_hash, 0));
        -- Each statement of a VOLATILE function takes a fresh snapshot: this sees every lead
        -- committed by an intake that held the phone lock before us.
        IF NOT v_spam THEN
          SELECT id, reference, stage INTO v_id, v_ref, v_stage FROM lead
          WHERE phone_hash = v_hash AND NOT spam
          ORDER BY (stage NOT IN ('signed', 'landed', 'lost')) DESC, created_at DESC LIMIT 1;
        END IF;

        IF v_id IS NOT NULL AND v_stage NOT IN ('signed', 'landed', 'lost') THEN
          v_outcome := 'duplicate';
          v_status := 200;
          INSERT INTO lead_event (lead_id, type, data) VALUES (v_id, 'inquiry', p->'inquiry' || '{"duplicate": true}'::jsonb);
          v_response := jsonb_build_object('id', v_id, 'reference', v_ref, 'duplicate', true);
        ELSE
          v_outcome := 'created';
          v_status := 201;
          v_prev := v_id;
          v_n := nextval('lead_reference_seq')::text;
          INSERT INTO lead (reference, spam, channel, source_article_id, company, contact_name, phone_enc, phone_hash, phone_masked,
                            phone_last4, email, wechat, need, usage, tax_text, message, parsed, property_type, deal_type, area_sqm_min,
                            area_sqm_max, area_unit, industry_code, industry_name, strategic_industry, annual_tax_wan, investment_wan,
                            tax_per_mu_wan, region, requirements, previous_lead_id, demo)
          SELECT 'ZS-' || extract(year FROM now() AT TIME ZONE 'UTC')::int || '-' || CASE WHEN length(v_n) < 6 THEN lpad(v_n, 6, '0') ELSE v_n END,
                 v_spam, r.channel, r.source_article_id, r.company, r.contact_name, r.phone_enc, r.phone_hash, r.phone_masked,
                 r.phone_last4, r.email, r.wechat, r.need, r.usage, r.tax_text, r.message, coalesce(r.parsed, '{}'), r.property_type,
                 r.deal_type, r.area_sqm_min, r.area_sqm_max, r.area_unit, r.industry_code, r.industry_name, r.strategic_industry,
                 r.annual_tax_wan, r.investment_wan, r.tax_per_mu_wan, r.region, coalesce(r.requirements, '{}'), v_prev,
                 coalesce(r.demo, false)
          FROM jsonb_populate_record(NULL::lead, p->'lead') r
          RETURNING id, reference, created_at, updated_at INTO v_id, v_ref, v_created, v_updated;
          INSERT INTO lead_event (lead_id, type, data)
          VALUES (v_id, 'inquiry', p->'inquiry' || jsonb_build_object('first', true, 'previousLeadId', v_prev));
          IF NOT v_spam THEN
            INSERT INTO lead_created_queue (lead_id) VALUES (v_id);
          END IF;
          v_response := jsonb_build_object('id', v_id, 'reference', v_ref, 'stage', 'new', 'duplicate', false, 'parsed', p->'lead'->'parsed');
        END IF;

        INSERT INTO consent_record (lead_id, notice_version, purposes, share_consent, channel, ip, user_agent)
        SELECT v_id, c.notice_version, coalesce(c.purposes, '{}'), coalesce(c.share_consent, false), c.channel, c.ip, c.user_agent
        FROM jsonb_populate_record(NULL::consent_record, p->'consent') c;
        IF v_key IS NOT NULL THEN
          INSERT INTO intake_idempotency (key, status, response) VALUES (v_key, v_status, v_response);
        END IF;
        RETURN jsonb_build_object('outcome', v_outcome, 'status', v_status, 'response', v_response, 'id', v_id, 'reference', v_ref,
                                  'previousLeadId', v_prev, 'createdAt', v_created, 'updatedAt', v_updated);
      END $$`;

/**
 * Intake in one statement (docs/performance.md, "Intake"): `zs_lead_intake(jsonb)` does in one
 * round trip and one transaction what took eleven statements — the Idempotency-Key lock and replay,
 * the per-phone lock, the dedupe lookup (open lead, else the newest closed one to link), the
 * reference, the lead, its inquiry event, the consent record, the stored idempotent response — and
 * queues the new lead in `lead_created_queue` for routing, which runs after the commit, batched.
 */
export class IntakeOneStatement1795631659069 implements MigrationInterface {
  name = 'IntakeOneStatement1795631659069';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "lead_created_queue" ("lead_id" uuid NOT NULL, "enqueued_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "lead_created_queue_pkey" PRIMARY KEY ("lead_id"))`);
    await queryRunner.query(`CREATE INDEX "lead_created_queue_enqueued_at_idx" ON "lead_created_queue"  ("enqueued_at") `);
    await queryRunner.query(`ALTER TABLE "lead_created_queue" ADD CONSTRAINT "lead_created_queue_lead_id_fkey" FOREIGN KEY ("lead_id") REFERENCES "lead"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);

    // p: {key, lead: {<lead columns, snake_case>}, inquiry: {<event data>}, consent: {<consent_record columns>}}.
    // Returns {outcome: created|duplicate|replayed, status, response, id, reference, previousLeadId, createdAt, updatedAt}.
    // Locks are transaction-scoped: called as one autocommit statement, they end with it.
    await queryRunner.query(LEAD_INTAKE_FUNCTION);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION IF EXISTS zs_lead_intake(jsonb)`);
    await queryRunner.query(`ALTER TABLE "lead_created_queue" DROP CONSTRAINT "lead_created_queue_lead_id_fkey"`);
    await queryRunner.query(`DROP INDEX "public"."lead_created_queue_enqueued_at_idx"`);
    await queryRunner.query(`DROP TABLE "lead_created_queue"`);
  }
}
