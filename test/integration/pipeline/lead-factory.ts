import type { LeadChannel } from '@app/leads';
import type { TestApp } from '../../support/test-app.js';

/** Intake limits off: the tests file many leads from one address. */
export const TEST_ENV = { INTAKE_LIMIT_PER_IP_PER_MINUTE: '0', INTAKE_LIMIT_PER_PHONE_PER_HOUR: '0' };

export interface NewLead {
  company: string;
  contactName: string;
  phone: string;
  /** Owner after intake (a manager reassigns through PATCH /api/leads/:id); null = the pool. */
  ownerId?: string | null;
  channel?: LeadChannel;
  sourceArticleId?: string | null;
  industryCode?: string | null;
  industryName?: string | null;
  /** Back-date the lead (its creation, assignment and inquiry) to build a known history. */
  createdAt?: Date;
}

/**
 * A lead as an investor files it (public POST /api/leads with consent), then put where the test
 * needs it by a manager through PATCH /api/leads/:id (owner or pool, industry), whatever routing did.
 */
export async function newLead(t: TestApp, managerToken: string, f: NewLead): Promise<{ id: string; reference: string; createdAt: Date }> {
  const res = await t
    .http()
    .post('/api/leads')
    .send({
      company: f.company,
      contact: f.contactName,
      phone: f.phone,
      consent: true,
      need: '需要 5000㎡ 单层厂房',
      channel: f.channel ?? (f.sourceArticleId ? 'article' : 'web'),
      sourceArticleId: f.sourceArticleId ?? undefined,
    });
  if (res.status !== 201) throw new Error(`intake failed: ${res.status} ${JSON.stringify(res.body)}`);
  const id = res.body.id as string;
  const edit = await t
    .http()
    .patch(`/api/leads/${id}`)
    .set('authorization', `Bearer ${managerToken}`)
    .send({ ownerId: f.ownerId ?? null, industryCode: f.industryCode ?? null, industryName: f.industryName ?? null });
  if (edit.status !== 200) throw new Error(`assignment failed: ${edit.status} ${JSON.stringify(edit.body)}`);
  let createdAt = new Date(edit.body.createdAt as string);
  if (f.createdAt) {
    await t.ds.query(
      `UPDATE lead SET created_at = $2::timestamptz, assigned_at = CASE WHEN owner_id IS NULL THEN NULL ELSE $2::timestamptz END WHERE id = $1`,
      [id, f.createdAt],
    );
    await t.ds.query(`UPDATE lead_event SET at = $2 WHERE lead_id = $1`, [id, f.createdAt]);
    createdAt = f.createdAt;
  }
  return { id, reference: res.body.reference as string, createdAt };
}
