import type { MigrationInterface, QueryRunner } from 'typeorm';
import { LEAD_INTAKE_FUNCTION } from './1795631659069-intake-one-statement.js';

const OPEN = `NOT IN ('signed', 'landed', 'lost')`;

/**
 * Intake in batches (docs/performance.md, "Intake in batches"): `zs_lead_intake_batch(jsonb[])`
 * saves the intakes one API process gathered while its previous batch was in the database, in one
 * transaction, and returns their outcomes in order — the same outcomes, one by one, as if each had
 * run alone, serialised per phone and per Idempotency-Key.
 *
 * 1. It takes every advisory lock the batch needs (Idempotency-Keys and phones) in ascending order,
 *    so two batches — of one process or of several — never deadlock.
 * 2. The common case, an intake without Idempotency-Key whose phone is the only one of its kind in
 *    the batch, is set-based: one dedupe lookup per phone, then one INSERT each into lead,
 *    lead_event, lead_created_queue and consent_record for all of them, so the statement overhead
 *    and the report-fact trigger (a statement trigger) are paid once per batch, not per lead.
 * 3. The rest (a key to check and store, or a phone twice in the batch) run one by one in batch
 *    order through `zs_lead_intake_one`, the former `zs_lead_intake` without its locks.
 *
 * `zs_lead_intake(jsonb)` stays, as a batch of one, for callers of the previous version.
 */
export class IntakeBatch1795649771630 implements MigrationInterface {
  name = 'IntakeBatch1795649771630';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // One intake; the caller holds the key and phone locks. Same result shape as zs_lead_intake.
    await queryRunner.query(`CREATE OR REPLACE FUNCTION zs_lead_intake_one(p jsonb) RETURNS jsonb LANGUAGE plpgsql VOLATILE AS $$
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
          SELECT status, response INTO v_status, v_response FROM intake_idempotency WHERE key = v_key;
          IF FOUND THEN
            RETURN jsonb_build_object('outcome', 'replayed', 'status', v_status, 'response', v_response);
          END IF;
        END IF;
        IF NOT v_spam THEN
          SELECT id, reference, stage INTO v_id, v_ref, v_stage FROM lead
          WHERE phone_hash = v_hash AND NOT spam
          ORDER BY (stage ${OPEN}) DESC, created_at DESC LIMIT 1;
        END IF;

        IF v_id IS NOT NULL AND v_stage ${OPEN} THEN
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
      END $$`);

    // p: a JSON array of zs_lead_intake arguments; returns the array of their results, in order.
    await queryRunner.query(`CREATE OR REPLACE FUNCTION zs_lead_intake_batch(p jsonb) RETURNS jsonb LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        v_res jsonb[] := array_fill(NULL::jsonb, ARRAY[jsonb_array_length(p)]);
        v_lock bigint;
        v_one int[];
        v_i int;
        v_r record;
      BEGIN
        -- Every lock of the batch, in one global order.
        FOR v_lock IN
          SELECT l FROM (
            SELECT hashtextextended('lead-idem:' || (e->>'key'), 0) AS l FROM jsonb_array_elements(p) e WHERE e->>'key' IS NOT NULL
            UNION
            SELECT hashtextextended('lead-phone:' || (e->'lead'->>'phone_hash'), 0) FROM jsonb_array_elements(p) e
          ) s WHERE l IS NOT NULL ORDER BY l
        LOOP
          PERFORM pg_advisory_xact_lock(v_lock);
        END LOOP;

        -- One by one: an Idempotency-Key to check and store, or a phone another intake of the batch has too.
        SELECT coalesce(array_agg(ord ORDER BY ord), '{}') INTO v_one FROM (
          SELECT t.ord::int AS ord, t.e->>'key' IS NOT NULL OR count(*) OVER (PARTITION BY t.e->'lead'->>'phone_hash') > 1 AS one
          FROM jsonb_array_elements(p) WITH ORDINALITY t(e, ord)
        ) s WHERE one;

        -- The rest at once. Each statement of a VOLATILE function takes a fresh snapshot: the dedupe
        -- lookup sees every lead committed by whoever held one of these phone locks before us.
        FOR v_r IN
          WITH b AS (
            SELECT t.ord::int AS ord, t.e, coalesce((t.e->'lead'->>'spam')::boolean, false) AS spam, t.e->'lead'->>'phone_hash' AS hash
            FROM jsonb_array_elements(p) WITH ORDINALITY t(e, ord)
            WHERE NOT t.ord::int = ANY (v_one)
          ), d AS (
            -- the phone's open lead (a duplicate), else its newest closed one (linked as previous)
            SELECT b.*, o.id AS found_id, o.reference AS found_ref, coalesce(o.open, false) AS duplicate
            FROM b LEFT JOIN LATERAL (
              SELECT l.id, l.reference, l.stage ${OPEN} AS open FROM lead l
              WHERE NOT b.spam AND l.phone_hash = b.hash AND NOT l.spam
              ORDER BY (l.stage ${OPEN}) DESC, l.created_at DESC LIMIT 1
            ) o ON true
          ), ins AS (
            INSERT INTO lead (reference, spam, channel, source_article_id, company, contact_name, phone_enc, phone_hash, phone_masked,
                              phone_last4, email, wechat, need, usage, tax_text, message, parsed, property_type, deal_type, area_sqm_min,
                              area_sqm_max, area_unit, industry_code, industry_name, strategic_industry, annual_tax_wan, investment_wan,
                              tax_per_mu_wan, region, requirements, previous_lead_id, demo)
            SELECT 'ZS-' || extract(year FROM now() AT TIME ZONE 'UTC')::int || '-' || CASE WHEN length(d.n) < 6 THEN lpad(d.n, 6, '0') ELSE d.n END,
                   d.spam, r.channel, r.source_article_id, r.company, r.contact_name, r.phone_enc, r.phone_hash, r.phone_masked,
                   r.phone_last4, r.email, r.wechat, r.need, r.usage, r.tax_text, r.message, coalesce(r.parsed, '{}'), r.property_type,
                   r.deal_type, r.area_sqm_min, r.area_sqm_max, r.area_unit, r.industry_code, r.industry_name, r.strategic_industry,
                   r.annual_tax_wan, r.investment_wan, r.tax_per_mu_wan, r.region, coalesce(r.requirements, '{}'), d.found_id,
                   coalesce(r.demo, false)
            FROM (SELECT d.*, nextval('lead_reference_seq')::text AS n FROM d WHERE NOT d.duplicate) d
            CROSS JOIN LATERAL jsonb_populate_record(NULL::lead, d.e->'lead') r
            RETURNING id, reference, created_at, updated_at, phone_hash, spam
          ), x AS (
            SELECT d.*, i.id AS new_id, i.reference AS new_ref, i.created_at, i.updated_at, coalesce(i.id, d.found_id) AS lead_id
            FROM d LEFT JOIN ins i ON i.phone_hash = d.hash
          ), ev AS (
            INSERT INTO lead_event (lead_id, type, data)
            SELECT x.lead_id, 'inquiry',
                   x.e->'inquiry' || CASE WHEN x.duplicate THEN '{"duplicate": true}'::jsonb
                                          ELSE jsonb_build_object('first', true, 'previousLeadId', x.found_id) END
            FROM x
          ), q AS (
            INSERT INTO lead_created_queue (lead_id) SELECT id FROM ins WHERE NOT spam
          ), c AS (
            INSERT INTO consent_record (lead_id, notice_version, purposes, share_consent, channel, ip, user_agent)
            SELECT x.lead_id, c.notice_version, coalesce(c.purposes, '{}'), coalesce(c.share_consent, false), c.channel, c.ip, c.user_agent
            FROM x CROSS JOIN LATERAL jsonb_populate_record(NULL::consent_record, x.e->'consent') c
          )
          SELECT x.ord, CASE WHEN x.duplicate THEN
                   jsonb_build_object('outcome', 'duplicate', 'status', 200, 'id', x.found_id, 'reference', x.found_ref, 'previousLeadId', NULL,
                                      'createdAt', NULL, 'updatedAt', NULL,
                                      'response', jsonb_build_object('id', x.found_id, 'reference', x.found_ref, 'duplicate', true))
                 ELSE
                   jsonb_build_object('outcome', 'created', 'status', 201, 'id', x.new_id, 'reference', x.new_ref, 'previousLeadId', x.found_id,
                                      'createdAt', x.created_at, 'updatedAt', x.updated_at,
                                      'response', jsonb_build_object('id', x.new_id, 'reference', x.new_ref, 'stage', 'new', 'duplicate', false,
                                                                     'parsed', x.e->'lead'->'parsed'))
                 END AS r
          FROM x
        LOOP
          v_res[v_r.ord] := v_r.r;
        END LOOP;

        FOREACH v_i IN ARRAY v_one LOOP
          v_res[v_i] := zs_lead_intake_one(p->(v_i - 1));
        END LOOP;
        RETURN to_jsonb(v_res);
      END $$`);

    // The previous entry point, as a batch of one (same locks, same order).
    await queryRunner.query(`CREATE OR REPLACE FUNCTION zs_lead_intake(p jsonb) RETURNS jsonb LANGUAGE sql VOLATILE AS $$
      SELECT zs_lead_intake_batch(jsonb_build_array(p))->0
    $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(LEAD_INTAKE_FUNCTION);
    await queryRunner.query(`DROP FUNCTION IF EXISTS zs_lead_intake_batch(jsonb)`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS zs_lead_intake_one(jsonb)`);
  }
}
