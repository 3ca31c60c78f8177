import type { FieldError } from '@app/errors';
import type { LeadStage } from '@app/leads';

/** Pipeline order; `lost` sits outside it. 新线索 → 已联系 → 需求确认 → 实地考察 → 洽谈中 → 已签约 → 已落地 */
export const PIPELINE_STAGES = ['new', 'contacted', 'qualified', 'site_visit', 'negotiating', 'signed', 'landed'] as const;
export type PipelineStage = (typeof PIPELINE_STAGES)[number];

export const STAGE_LABELS_ZH: Record<LeadStage, string> = {
  new: '新线索',
  contacted: '已联系',
  qualified: '需求确认',
  site_visit: '实地考察',
  negotiating: '洽谈中',
  signed: '已签约',
  landed: '已落地',
  lost: '已流失',
};

/** 流失原因 */
export const LOST_REASONS = ['price', 'area_mismatch', 'policy', 'chose_other_park', 'invalid', 'unreachable', 'other'] as const;
export type LostReason = (typeof LOST_REASONS)[number];

export const LOST_REASON_LABELS_ZH: Record<LostReason, string> = {
  price: '价格',
  area_mismatch: '面积不符',
  policy: '政策',
  chose_other_park: '选择其他园区',
  invalid: '无效线索',
  unreachable: '联系不上',
  other: '其他',
};

/** Position in the pipeline (new = 0 … landed = 6); `lost` has none (-1). */
export function stageRank(stage: LeadStage): number {
  return (PIPELINE_STAGES as readonly string[]).indexOf(stage);
}

export interface SignedDetails {
  /** 签约投资额 (万元) */
  investmentWan?: number | null;
  /** 预计年税收 (万元) */
  annualTaxWan?: number | null;
  parkId?: string | null;
  listingId?: string | null;
  signedAt?: Date | null;
}

export interface StageChangeRequest {
  to: LeadStage;
  /** Why the lead moves back or reopens. */
  reason?: string | null;
  lostReason?: string | null;
  lostNote?: string | null;
  signed?: SignedDetails;
}

export type StageDirection = 'forward' | 'back' | 'lost' | 'reopen';

/** Lead fields a stage change writes (undefined = untouched, null = cleared). */
export interface StageChangeEffects {
  stage: LeadStage;
  lostReason?: LostReason | null;
  lostNote?: string | null;
  signedInvestmentWan?: number | null;
  signedAnnualTaxWan?: number | null;
  signedParkId?: string | null;
  signedListingId?: string | null;
  signedAt?: Date | null;
}

export type StageDecision = { ok: true; direction: StageDirection; effects: StageChangeEffects } | { ok: false; errors: FieldError[] };

const err = (field: string, code: string, zh: string, en: string): FieldError => ({ field, code, message_zh: zh, message_en: en });

/**
 * The stage machine. Forward moves may skip stages; moving back or reopening a lost lead needs a
 * reason; `lost` needs a reason code (`other` also a note); reaching `signed` (or `landed` without
 * having signed) needs the signed investment, expected annual tax, park and date.
 */
export function decideStageChange(from: LeadStage, req: StageChangeRequest, now: Date = new Date()): StageDecision {
  const errors: FieldError[] = [];
  const to = req.to;
  const reason = req.reason?.trim() ?? '';
  if (to === from) {
    return {
      ok: false,
      errors: [err('stage', 'SAME_STAGE', `线索已处于“${STAGE_LABELS_ZH[to]}”阶段`, `The lead is already in stage ${to}`)],
    };
  }

  if (to === 'lost') {
    const code = req.lostReason ?? '';
    if (!(LOST_REASONS as readonly string[]).includes(code)) {
      errors.push(
        err(
          'lostReason',
          'LOST_REASON_REQUIRED',
          `请选择流失原因：${LOST_REASONS.map((r) => LOST_REASON_LABELS_ZH[r]).join('、')}`,
          `lostReason must be one of ${LOST_REASONS.join(', ')}`,
        ),
      );
    }
    const note = req.lostNote?.trim() ?? '';
    if (code === 'other' && !note) {
      errors.push(err('lostNote', 'LOST_NOTE_REQUIRED', '流失原因为“其他”时请填写说明', 'lostNote is required when lostReason is other'));
    }
    if (errors.length) return { ok: false, errors };
    return { ok: true, direction: 'lost', effects: { stage: 'lost', lostReason: code as LostReason, lostNote: note || null } };
  }

  const fromRank = stageRank(from);
  const toRank = stageRank(to);
  const direction: StageDirection = from === 'lost' ? 'reopen' : toRank < fromRank ? 'back' : 'forward';
  if (direction !== 'forward' && !reason) {
    errors.push(
      direction === 'reopen'
        ? err('reason', 'REASON_REQUIRED', '重新激活已流失的线索需要填写原因', 'reason is required to reopen a lost lead')
        : err('reason', 'REASON_REQUIRED', '退回到之前的阶段需要填写原因', 'reason is required to move a lead back'),
    );
  }

  const effects: StageChangeEffects = { stage: to };
  if (direction === 'reopen') {
    effects.lostReason = null;
    effects.lostNote = null;
  }
  const signedRank = stageRank('signed');
  const reachesSigning = toRank >= signedRank && (fromRank < signedRank || from === 'lost');
  if (reachesSigning) {
    const s = req.signed ?? {};
    if (typeof s.investmentWan !== 'number' || !Number.isFinite(s.investmentWan) || s.investmentWan <= 0) {
      errors.push(err('signedInvestmentWan', 'REQUIRED', '请填写签约投资额（万元，大于0）', 'signedInvestmentWan (万元, > 0) is required'));
    }
    if (typeof s.annualTaxWan !== 'number' || !Number.isFinite(s.annualTaxWan) || s.annualTaxWan < 0) {
      errors.push(err('signedAnnualTaxWan', 'REQUIRED', '请填写预计年税收（万元，不小于0）', 'signedAnnualTaxWan (万元, ≥ 0) is required'));
    }
    if (!s.parkId) errors.push(err('signedParkId', 'REQUIRED', '请选择签约园区', 'signedParkId is required'));
    if (!(s.signedAt instanceof Date) || Number.isNaN(s.signedAt.getTime())) {
      errors.push(err('signedAt', 'REQUIRED', '请填写签约日期', 'signedAt is required'));
    } else if (s.signedAt.getTime() > now.getTime() + 24 * 3600_000) {
      errors.push(err('signedAt', 'IN_FUTURE', '签约日期不能晚于今天', 'signedAt cannot be in the future'));
    }
    if (!errors.length) {
      effects.signedInvestmentWan = s.investmentWan!;
      effects.signedAnnualTaxWan = s.annualTaxWan!;
      effects.signedParkId = s.parkId!;
      effects.signedListingId = s.listingId ?? null;
      effects.signedAt = s.signedAt!;
    }
  } else if (toRank < signedRank) {
    // Back below signing (or reopened into the pipeline): the deal is no longer signed.
    effects.signedInvestmentWan = null;
    effects.signedAnnualTaxWan = null;
    effects.signedParkId = null;
    effects.signedListingId = null;
    effects.signedAt = null;
  }
  if (errors.length) return { ok: false, errors };
  return { ok: true, direction, effects };
}
