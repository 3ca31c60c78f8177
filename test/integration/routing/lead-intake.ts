import { randomInt } from 'node:crypto';
import { LeadLifecycle, LeadsRepository, type Lead, type LeadChannel } from '@app/leads';
import { PersonalDataCipher, maskPhone } from '@app/privacy';
import type { TestApp } from '../../support/test-app.js';

export interface IntakeFacts {
  company?: string;
  contactName?: string;
  phone?: string;
  email?: string | null;
  channel?: LeadChannel;
  industryCode?: string | null;
  region?: string | null;
  annualTaxWan?: number | null;
  /** Save and queue only, as if the process died before routing. */
  skipHooks?: boolean;
}

/**
 * Saves a new lead the way intake does — one transaction: the lead, its inquiry event and its
 * lead_created_queue row; then, committed, the LeadLifecycle "created" hooks (routing claims the
 * queue row, assigns and writes the outbox; concurrent calls are routed in batches) — and returns it re-read.
 */
export async function intake(t: TestApp, f: IntakeFacts = {}): Promise<Lead> {
  const leads = t.app.get(LeadsRepository);
  const cipher = t.app.get(PersonalDataCipher);
  const lifecycle = t.app.get(LeadLifecycle);
  const phone = f.phone ?? `139${String(randomInt(0, 1e8)).padStart(8, '0')}`;
  const saved: Lead = await leads.transaction(async (m) => {
    const lead = await leads.createLead(m, {
      reference: await leads.nextReference(m),
      company: f.company ?? '苏州某精密制造有限公司',
      contactName: f.contactName ?? '王小明',
      phoneEnc: cipher.encrypt(phone),
      phoneHash: cipher.hash(phone),
      phoneMasked: maskPhone(phone),
      phoneLast4: phone.slice(-4),
      email: f.email ?? null,
      channel: f.channel ?? 'web',
      industryCode: f.industryCode ?? null,
      region: f.region ?? null,
      annualTaxWan: f.annualTaxWan ?? null,
      need: '需要 5000㎡ 单层厂房，层高 8 米',
    });
    await leads.addEvent(m, lead.id, 'inquiry', { channel: lead.channel });
    await m.query(`INSERT INTO lead_created_queue (lead_id) VALUES ($1)`, [lead.id]);
    return lead;
  });
  if (!f.skipHooks) await lifecycle.afterCreated(saved);
  return (await leads.findById(saved.id))!;
}
