import type { Lead } from '@app/leads';
import type { NotificationPayload } from '@app/notifications';
import { maskName, maskPhonesInText } from '@app/privacy';

/** Escapes text for HTML email bodies. */
function esc(s: string | null | undefined): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * Makes investor-written text inert in WeCom markdown: link, bold, code, heading, quote and <font>
 * syntax become full-width look-alikes, and line breaks cannot start a new block.
 */
export function markdownInert(s: string): string {
  const map: Record<string, string> = {
    '[': '［',
    ']': '］',
    '(': '（',
    ')': '）',
    '<': '＜',
    '>': '＞',
    '*': '＊',
    '`': '｀',
    '#': '＃',
    _: '＿',
    '~': '～',
    '|': '｜',
  };
  return s.replace(/[[\]()<>*`#_~|]/g, (c) => map[c]!).replace(/[\r\n]+/g, ' ');
}

function summaryLines(lead: Lead): string[] {
  return [
    `编号：${lead.reference}`,
    `公司：${lead.company}`,
    `联系人：${maskName(lead.contactName)}（${lead.phoneMasked}）`,
    lead.need ? `需求：${lead.need}` : '',
    lead.industryName || lead.industryCode ? `行业：${lead.industryName ?? ''}${lead.industryCode ? `（${lead.industryCode}）` : ''}` : '',
    lead.region ? `地区：${lead.region}` : '',
    lead.annualTaxWan !== null && lead.annualTaxWan !== undefined ? `预计年税收：${lead.annualTaxWan} 万元` : '',
  ].filter(Boolean);
}

export type LeadMessageKind = 'assigned' | 'sla_reminder' | 'sla_escalation' | 'sla_pooled' | 'pool_new';

const TITLES: Record<LeadMessageKind, string> = {
  assigned: '新线索已分配给您',
  sla_reminder: '线索首次响应已超时，请尽快联系',
  sla_escalation: '线索首次响应严重超时（经理提醒）',
  sla_pooled: '线索超时未响应，已退回公海',
  pool_new: '新线索进入公海，欢迎认领',
};

/**
 * One message about a lead for every channel: email (HTML + text), WeCom markdown. Investor phone
 * and name are masked; the full record is behind the CRM link.
 */
export function leadMessage(kind: LeadMessageKind, lead: Lead, link: string, extra = ''): NotificationPayload {
  const title = TITLES[kind];
  const lines = summaryLines(lead);
  const text = maskPhonesInText([`${title}${extra ? `：${extra}` : ''}`, '', ...lines, '', `查看线索：${link}`].join('\n'));
  const html = maskPhonesInText(
    `<h2>${esc(title)}</h2>${extra ? `<p>${esc(extra)}</p>` : ''}<ul>${lines.map((l) => `<li>${esc(l)}</li>`).join('')}</ul>` +
      `<p><a href="${esc(link)}">打开线索 ${esc(lead.reference)}</a></p>`,
  );
  const markdown = maskPhonesInText(
    [`### ${title}`, extra ? `> ${extra}` : '', ...lines.map((l) => `> ${markdownInert(l)}`), `[打开线索](${link})`]
      .filter(Boolean)
      .join('\n'),
  );
  return { kind, subject: `【招商CRM】${title} ${lead.reference} ${lead.company}`, text, html, markdown, link };
}

/** Acknowledgement to the investor who left an email. */
export function investorAcknowledgement(lead: Lead): NotificationPayload {
  const text = [
    `${lead.contactName}，您好：`,
    '',
    `我们已收到贵司（${lead.company}）的选址需求，编号 ${lead.reference}。招商顾问将在工作时间内尽快与您联系。`,
    '',
    '此邮件由系统自动发送，请勿直接回复。',
  ].join('\n');
  return {
    kind: 'investor_ack',
    subject: `【招商】已收到您的需求 ${lead.reference}`,
    text,
    html: `<p>${esc(lead.contactName)}，您好：</p><p>我们已收到贵司（${esc(lead.company)}）的选址需求，编号 <b>${esc(lead.reference)}</b>。招商顾问将在工作时间内尽快与您联系。</p><p>此邮件由系统自动发送，请勿直接回复。</p>`,
  };
}
