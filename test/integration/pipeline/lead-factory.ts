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
    return lead;
  });
}
