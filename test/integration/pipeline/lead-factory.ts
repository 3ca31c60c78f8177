import { LeadsRepository, type Lead, type LeadChannel } from '@app/leads';
import { PersonalDataCipher, maskPhone } from '@app/privacy';
import type { TestApp } from '../../support/test-app.js';

export interface NewLead {
  company: string;
  contactName: string;
  phone: string;
  ownerId?: string | null;
  channel?: LeadChannel;
  sourceArticleId?: string | null;
  industryCode?: string | null;
  industryName?: string | null;
  /** Back-date the lead (and its assignment and inquiry) to build a known history. */
  createdAt?: Date;
}

/**
 * A lead saved through the leads library (encrypted phone, reference from the sequence, an inquiry
 * event), as intake would save it, optionally already assigned to an owner.
 */
export async function newLead(t: TestApp, f: NewLead): Promise<Lead> {
  const leads = t.app.get(LeadsRepository);
  const cipher = t.app.get(PersonalDataCipher);
  return leads.transaction(async (m) => {
    const lead = await leads.createLead(m, {
      reference: await leads.nextReference(m),
      company: f.company,
      contactName: f.contactName,
      phoneEnc: cipher.encrypt(f.phone),
      phoneHash: cipher.hash(f.phone),
      phoneMasked: maskPhone(f.phone),
      phoneLast4: f.phone.slice(-4),
      channel: f.channel ?? 'web',
      sourceArticleId: f.sourceArticleId ?? null,
      industryCode: f.industryCode ?? null,
      industryName: f.industryName ?? null,
      ownerId: f.ownerId ?? null,
      assignedAt: f.ownerId ? new Date() : null,
      need: '需要 5000㎡ 单层厂房',
    });
    await leads.addEvent(m, lead.id, 'inquiry', { channel: lead.channel });
    if (f.createdAt) {
      await m.query(
        `UPDATE lead SET created_at = $2::timestamptz, assigned_at = CASE WHEN owner_id IS NULL THEN NULL ELSE $2::timestamptz END WHERE id = $1`,
        [lead.id, f.createdAt],
      );
      await m.query(`UPDATE lead_event SET at = $2 WHERE lead_id = $1`, [lead.id, f.createdAt]);
      lead.createdAt = f.createdAt;
      if (lead.ownerId) lead.assignedAt = f.createdAt;
    }
    return lead;
  });
}
