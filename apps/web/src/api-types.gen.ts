// Generated from the API's OpenAPI document by apps/web/scripts/openapi-types.mjs — do not edit by hand.
/* eslint-disable */

export interface ActivityResponse {
  id: string;
  type: 'call' | 'wechat' | 'visit' | 'meeting' | 'email' | 'note';
  body: string;
  at: string;
  listingIds: string[];
  authorId?: unknown;
  authorName?: unknown;
}

export interface AreaRange {
  min?: unknown;
  max?: unknown;
}

export interface ArticleResponse {
  id: string;
  title: string;
  sourceUrl?: unknown;
  publishedAt?: unknown;
  demo: boolean;
  parks: ParkRefResponse[];
  /** Plain text */
  body: string;
  /** Reviewed policies only */
  policies: PolicyResponse[];
}

export interface ArticleSummaryResponse {
  id: string;
  title: string;
  sourceUrl?: unknown;
  publishedAt?: unknown;
  demo: boolean;
  parks: ParkRefResponse[];
}

export interface AssignDto {
  consultantId: string;
}

export interface ChangeStageDto {
  stage: 'new' | 'contacted' | 'qualified' | 'site_visit' | 'negotiating' | 'signed' | 'landed' | 'lost';
  /** Required to move back or reopen a lost lead */
  reason?: string;
  /** Required for stage lost */
  lostReason?: 'price' | 'area_mismatch' | 'policy' | 'chose_other_park' | 'invalid' | 'unreachable' | 'other';
  /** Required with lostReason other */
  lostNote?: string;
  /** 签约投资额 (万元); required for signed */
  signedInvestmentWan?: number;
  /** 预计年税收 (万元); required for signed */
  signedAnnualTaxWan?: number;
  /** Required for signed */
  signedParkId?: string;
  signedListingId?: string;
  /** Signing date; required for signed */
  signedAt?: string;
  /** When the change happened (default now) */
  at?: string;
}

export interface ConsentWithdrawalDto {
  phone: string;
  /** How the withdrawal was received */
  note?: string;
}

export interface CreateActivityDto {
  type: 'call' | 'wechat' | 'visit' | 'meeting' | 'email' | 'note';
  body: string;
  /** When it happened (default now) */
  at?: string;
  listingIds?: string[];
}

export interface CreateHoldDto {
  leadId: string;
  /** Hold expires then (at most 30 days ahead) */
  until: string;
}

export interface CreateLeadDto {
  /** 需求 (free text) */
  need?: string;
  /** 用途 */
  usage?: string;
  /** 税收: "年税收300万", "500万元/年", "1.2亿", or a number meaning 万元 */
  tax?: string;
  /** 公司 (required, here or in message) */
  company?: string;
  /** 联系人 (required, here or in message) */
  contact?: string;
  /** Chinese mobile, landline or 400 number (required, here or in message) */
  phone?: string;
  email?: string;
  wechat?: string;
  /** PIPL consent to processing for follow-up; must be true */
  consent: boolean;
  /** Separate consent (单独同意) to share with parks/landlords */
  shareConsent?: boolean;
  /** A pasted message; fields missing above are read from it */
  message?: string;
  sourceArticleId?: string;
  channel?: 'web' | 'article' | 'wechat' | 'phone' | 'referral' | 'import';
  propertyType?: 'factory' | 'land' | 'office' | 'warehouse';
  dealType?: 'rent' | 'buy';
  /** ㎡ */
  areaSqmMin?: number;
  /** ㎡ */
  areaSqmMax?: number;
  region?: string;
  /** 万元/年 */
  annualTaxWan?: number;
  /** 万元 */
  investmentWan?: number;
  /** Honeypot: leave empty (hidden in the form) */
  website?: string;
}

export interface CreateListingDto {
  /** 编号 (external code; the import key when given) */
  externalCode?: unknown;
  status?: 'available' | 'reserved' | 'let' | 'sold';
  parkId?: unknown;
  region?: unknown;
  address?: unknown;
  /** ㎡ */
  areaSqm?: unknown;
  /** 亩 (land) */
  areaMu?: unknown;
  floors?: unknown;
  floorNo?: unknown;
  /** 层高 m */
  clearHeightM?: unknown;
  /** 承重 t/㎡ */
  floorLoadTPerSqm?: unknown;
  /** 行车 t */
  craneTons?: unknown;
  /** 配电 kVA */
  powerKva?: unknown;
  structure?: unknown;
  /** 可环评 */
  envApproved?: unknown;
  ownership?: unknown;
  landUse?: unknown;
  plotRatio?: unknown;
  /** 元/㎡/月 */
  rentYuanPerSqmMonth?: unknown;
  /** Rent as quoted, converted: "0.8元/㎡/天" → 24.33 元/㎡/月 */
  rentQuoted?: unknown;
  /** 元/㎡ */
  salePriceYuanPerSqm?: unknown;
  /** 万元/亩 */
  landPriceWanPerMu?: unknown;
  /** 亩均税收要求 万元/亩 */
  minTaxPerMuWan?: unknown;
  /** 投资强度要求 万元/亩 */
  minInvestIntensityWanPerMu?: unknown;
  /** GB/T 4754 codes; empty = unrestricted */
  allowedIndustries?: string[];
  availableFrom?: unknown;
  notes?: unknown;
  title: string;
  kind: 'factory' | 'land' | 'office' | 'warehouse';
  deal: 'rent' | 'sale' | 'land_transfer';
}

export interface CreateParkDto {
  name: string;
  aliases?: string[];
  level?: 'national' | 'provincial' | 'city' | 'county' | null;
  region?: string;
  address?: string;
  minTaxPerMuWan?: number;
  minInvestIntensityWanPerMu?: number;
  /** Industries to add */
  industries?: IndustryInputDto[];
}

export interface CreateRuleDto {
  name: string;
  /** Lower first; default after the last rule */
  position?: number;
  active?: boolean;
  conditions?: RuleConditionsDto;
  targetType: 'consultant' | 'team' | 'pool';
  targetConsultantId?: string;
  targetTeamId?: string;
  strategy?: 'round_robin' | 'least_loaded';
  /** Skip consultants outside their working hours */
  requireOnDuty?: boolean;
}

export interface CreateTaskDto {
  title: string;
  dueAt: string;
  /** Default: the caller */
  assigneeId?: string;
}

export interface CreateUserDto {
  email: string;
  /** ≥10 characters with letters and digits */
  password: string;
  name: string;
  role: 'consultant' | 'manager' | 'admin';
}

export interface EventResponse {
  id: string;
  /** inquiry, stage_change, assignment, activity, task, notification, merge, note, sla */
  type: string;
  actorId?: unknown;
  at: string;
  data: unknown;
}

export interface HoldResponse {
  id: string;
  listingId: string;
  leadId: string;
  heldById?: unknown;
  until: string;
}

export interface ImportErrorResponse {
  row: number;
  column: string;
  message_zh: string;
  message_en: string;
}

export interface ImportResponse {
  created: number;
  updated: number;
  unchanged: number;
  errors: ImportErrorResponse[];
}

export interface IndustryInputDto {
  name: string;
  code: string;
}

export interface IndustryResponse {
  name: string;
  /** GB/T 4754-2017 division */
  code: string;
}

export interface IngestArticleDto {
  title: string;
  /** Plain text or HTML (scripts, navigation and boilerplate are stripped) */
  body: string;
  sourceUrl?: string;
  publishedAt?: string;
}

export interface IngestResponse {
  id: string;
  title: string;
  /** false when an existing article (same sourceUrl or text) was updated */
  created: boolean;
  parks: ParkRefResponse[];
  industries: IndustryResponse[];
  policies: PolicyResponse[];
  statistics: StatisticResponse[];
}

export interface IntakeResponse {
  id: string;
  reference: string;
  /** only for a new lead */
  stage?: string;
  /** true when appended to the open lead of the same phone (200) */
  duplicate: boolean;
  /** only for a new lead */
  parsed?: ParsedNeedResponse;
}

export interface LeadDetailResponse {
  id: string;
  reference: string;
  stage: 'new' | 'contacted' | 'qualified' | 'site_visit' | 'negotiating' | 'signed' | 'landed' | 'lost';
  ownerId?: unknown;
  ownerName?: unknown;
  channel: 'web' | 'article' | 'wechat' | 'phone' | 'referral' | 'import';
  sourceArticleId?: unknown;
  company: string;
  contactName: string;
  phoneMasked: string;
  industryCode?: unknown;
  industryName?: unknown;
  signedParkId?: unknown;
  createdAt: string;
  firstResponseAt?: unknown;
  lastActivityAt?: unknown;
  /** Full for the owner and managers, masked otherwise */
  phone: string;
  need: string;
  usage: string;
  taxText: string;
  parsed: unknown;
  lostReason?: unknown;
  signedInvestmentWan?: unknown;
  signedAnnualTaxWan?: unknown;
  signedAt?: unknown;
  stageHistory: StageChangeResponse[];
  activities: ActivityResponse[];
  tasks: TaskResponse[];
  events: EventResponse[];
  notifications: NotificationResponse[];
}

export interface LeadListResponse {
  items: LeadSummaryResponse[];
  /** Pass as cursor for the next page; null on the last page */
  nextCursor?: unknown;
}

export interface LeadStatusResponse {
  reference: string;
  stage: string;
  /** owner's first name only (family name for Chinese names) */
  ownerFirstName?: unknown;
}

export interface LeadSummaryResponse {
  id: string;
  reference: string;
  stage: 'new' | 'contacted' | 'qualified' | 'site_visit' | 'negotiating' | 'signed' | 'landed' | 'lost';
  ownerId?: unknown;
  ownerName?: unknown;
  channel: 'web' | 'article' | 'wechat' | 'phone' | 'referral' | 'import';
  sourceArticleId?: unknown;
  company: string;
  contactName: string;
  phoneMasked: string;
  industryCode?: unknown;
  industryName?: unknown;
  signedParkId?: unknown;
  createdAt: string;
  firstResponseAt?: unknown;
  lastActivityAt?: unknown;
}

export interface LeavePeriodDto {
  from: string;
  to: string;
}

export interface ListingResponse {
  id: string;
  externalCode?: unknown;
  title: string;
  kind: 'factory' | 'land' | 'office' | 'warehouse';
  deal: 'rent' | 'sale' | 'land_transfer';
  status: 'available' | 'reserved' | 'let' | 'sold';
  parkId?: unknown;
  region?: unknown;
  address?: unknown;
  areaSqm?: unknown;
  areaMu?: unknown;
  rentYuanPerSqmMonth?: unknown;
  rentQuotedRaw?: unknown;
  allowedIndustries: string[];
  demo: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface LoginDto {
  email: string;
  password: string;
}

export interface LoginResponse {
  accessToken: string;
  expiresAt: string;
  user: UserResponse;
}

export interface MergeLeadsDto {
  /** This lead is merged into the one in the path, then removed */
  otherLeadId: string;
}

export interface NotificationResponse {
  id: string;
  eventKey: string;
  channel: 'email' | 'wecom_robot' | 'wecom_app';
  /** Email, WeCom userid(s) or robot:<key hash> */
  recipient: string;
  leadId?: unknown;
  kind: string;
  subject: string;
  status: 'pending' | 'sent' | 'failed' | 'dead';
  attempts: number;
  lastError?: unknown;
  /** Recipients WeCom reported invalid */
  partialFailure?: unknown;
  nextAttemptAt: string;
  sentAt?: unknown;
  createdAt: string;
}

export interface ParkDetailResponse {
  id: string;
  name: string;
  aliases: string[];
  level?: 'national' | 'provincial' | 'city' | 'county' | null;
  region?: unknown;
  address?: unknown;
  /** 亩均税收 threshold (万元/亩) */
  minTaxPerMuWan?: unknown;
  /** 亩均投资强度 threshold (万元/亩) */
  minInvestIntensityWanPerMu?: unknown;
  industries: IndustryResponse[];
  demo: boolean;
  /** Extracted and reviewed (not rejected) */
  policies: PolicyResponse[];
  articles: ArticleSummaryResponse[];
}

export interface ParkRefResponse {
  id: string;
  name: string;
  aliases: string[];
}

export interface ParkResponse {
  id: string;
  name: string;
  aliases: string[];
  level?: 'national' | 'provincial' | 'city' | 'county' | null;
  region?: unknown;
  address?: unknown;
  /** 亩均税收 threshold (万元/亩) */
  minTaxPerMuWan?: unknown;
  /** 亩均投资强度 threshold (万元/亩) */
  minInvestIntensityWanPerMu?: unknown;
  industries: IndustryResponse[];
  demo: boolean;
}

export interface ParseResponse {
  /** need, usage, tax, company, contact, phone, email, wechat, region, investment as found */
  fields: unknown;
  parsed: ParsedNeedResponse;
  /** core fields not found */
  missing: string[];
}

export interface ParseTextDto {
  text: string;
}

export interface ParsedNeedResponse {
  propertyType?: 'factory' | 'land' | 'office' | 'warehouse' | null;
  dealType?: 'rent' | 'buy' | null;
  /** ㎡ */
  areaSqm?: AreaRange | null;
  /** range and unit as written: {min, max, unit: sqm|mu, raw} */
  area?: unknown;
  areaUnit?: 'sqm' | 'mu' | null;
  /** GB/T 4754-2017 division {code, name} */
  industry?: unknown;
  strategicIndustry?: unknown;
  annualTaxWan?: unknown;
  investmentWan?: unknown;
  taxPerMuWan?: unknown;
  /** clearHeightM, floorLoadT, craneT, powerKva, powerKw, envApproval */
  requirements: unknown;
  region?: unknown;
}

export interface PolicyResponse {
  id: string;
  parkId?: unknown;
  articleId?: unknown;
  kind:
    | 'rent_waiver'
    | 'rent_discount'
    | 'investment_subsidy'
    | 'equipment_subsidy'
    | 'tax_reward'
    | 'land_price_discount'
    | 'talent_subsidy'
    | 'talent_housing'
    | 'executive_tax_support'
    | 'office_space'
    | 'working_capital_fund'
    | 'industry_fund'
    | 'loan_interest_subsidy'
    | 'chain_subsidy'
    | 'approval_service'
    | 'other';
  title: string;
  /** Exact words of the article */
  quote: string;
  amountWan?: unknown;
  percent?: unknown;
  /** What percent is a share of (equipmentInvestmentWan, investmentWan, rent, landPrice, loanInterest, localTaxShare, unspecified) */
  baseFact?: unknown;
  multiplier?: unknown;
  months: number[];
  freeMonths?: unknown;
  capWan?: unknown;
  durationYears?: unknown;
  /** Rule tree {and:[…]} / {or:[…]} / {fact, op, value} */
  conditions?: unknown;
  /** Reward tied to local tax contribution (公平竞争审查条例) */
  legacyRisk: boolean;
  status: 'extracted' | 'reviewed' | 'rejected';
  demo: boolean;
}

export interface ProfileResponse {
  userId: string;
  industries: string[];
  parkIds: string[];
  regions: string[];
  capacity: number;
  active: boolean;
  leave: LeavePeriodDto[];
  workingHours: unknown;
  email?: unknown;
  wecomUserId?: unknown;
  /** Whether a robot key is set (the key itself is a secret) */
  hasRobotKey: boolean;
  teamId?: unknown;
}

export interface PutProfileDto {
  /** GB/T 4754 codes */
  industries?: string[];
  parkIds?: string[];
  regions?: string[];
  /** Maximum open leads */
  capacity?: number;
  active?: boolean;
  leave?: LeavePeriodDto[];
  workingHours?: unknown;
  email?: unknown;
  /** 企业微信 userid */
  wecomUserId?: unknown;
  /** WeCom group robot key */
  robotKey?: unknown;
  teamId?: unknown;
}

export interface RoutingStepResponse {
  code: string;
  ruleId?: string;
  userId?: string;
  reason?: string;
  message: string;
}

export interface RuleConditionsDto {
  industries?: string[];
  parkIds?: string[];
  propertyTypes?: ('factory' | 'land' | 'office' | 'warehouse')[];
  regions?: string[];
  /** 万元 */
  annualTaxMinWan?: number;
  /** 万元 */
  annualTaxMaxWan?: number;
  channels?: ('web' | 'article' | 'wechat' | 'phone' | 'referral' | 'import')[];
  sourceArticleIds?: string[];
}

export interface RuleResponse {
  id: string;
  name: string;
  position: number;
  active: boolean;
  conditions: RuleConditionsDto;
  targetType: 'consultant' | 'team' | 'pool';
  targetConsultantId?: unknown;
  targetTeamId?: unknown;
  strategy: 'round_robin' | 'least_loaded';
  requireOnDuty: boolean;
}

export interface SelfWithdrawalDto {
  reference: string;
  phone: string;
}

export interface SettingsDto {
  /** Working minutes to first response */
  firstResponseMinutes?: number;
  escalateMultiplier?: number;
  recycleMultiplier?: number;
  breachAction?: 'pool' | 'reassign';
  claimCap?: number;
}

export interface SimulateDto {
  industryCode?: string;
  parkId?: string;
  propertyType?: 'factory' | 'land' | 'office' | 'warehouse';
  region?: string;
  /** 万元 */
  annualTaxWan?: number;
  channel?: 'web' | 'article' | 'wechat' | 'phone' | 'referral' | 'import';
  sourceArticleId?: string;
}

export interface SimulateResponse {
  consultant?: unknown;
  rule?: unknown;
  steps: RoutingStepResponse[];
}

export interface StageChangeResponse {
  id: string;
  from: string;
  to: string;
  reason?: unknown;
  lostReason?: unknown;
  lostNote?: unknown;
  actorId?: unknown;
  actorName?: unknown;
  at: string;
}

export interface StatisticResponse {
  label: string;
  value: number;
  unit: string;
  quote: string;
}

export interface SubjectRequestDto {
  /** The investor's phone (any common writing) */
  phone: string;
  /** How the requester was verified (kept in the audit log) */
  verification: string;
}

export interface TaskResponse {
  id: string;
  leadId: string;
  leadReference?: unknown;
  title: string;
  dueAt: string;
  assigneeId: string;
  assigneeName?: unknown;
  status: 'open' | 'done' | 'cancelled';
  doneAt?: unknown;
  createdAt: string;
}

export interface TeamDto {
  name: string;
  isDefault?: boolean;
  robotKey?: unknown;
}

export interface UpdateLeadDto {
  company?: string;
  contactName?: string;
  email?: unknown;
  wechat?: unknown;
  need?: string;
  usage?: string;
  taxText?: string;
  industryCode?: unknown;
  industryName?: unknown;
  channel?: 'web' | 'article' | 'wechat' | 'phone' | 'referral' | 'import';
  sourceArticleId?: unknown;
  propertyType?: 'factory' | 'land' | 'office' | 'warehouse' | null;
  dealType?: 'rent' | 'buy' | null;
  /** ㎡ */
  areaSqmMin?: unknown;
  /** ㎡ */
  areaSqmMax?: unknown;
  /** 预计年税收 (万元) */
  annualTaxWan?: unknown;
  /** 总投资 (万元) */
  investmentWan?: unknown;
  region?: unknown;
  strategicIndustry?: unknown;
  /** Reassign to this user; null returns the lead to the pool */
  ownerId?: unknown;
}

export interface UpdateListingDto {
  /** 编号 (external code; the import key when given) */
  externalCode?: unknown;
  status?: 'available' | 'reserved' | 'let' | 'sold';
  parkId?: unknown;
  region?: unknown;
  address?: unknown;
  /** ㎡ */
  areaSqm?: unknown;
  /** 亩 (land) */
  areaMu?: unknown;
  floors?: unknown;
  floorNo?: unknown;
  /** 层高 m */
  clearHeightM?: unknown;
  /** 承重 t/㎡ */
  floorLoadTPerSqm?: unknown;
  /** 行车 t */
  craneTons?: unknown;
  /** 配电 kVA */
  powerKva?: unknown;
  structure?: unknown;
  /** 可环评 */
  envApproved?: unknown;
  ownership?: unknown;
  landUse?: unknown;
  plotRatio?: unknown;
  /** 元/㎡/月 */
  rentYuanPerSqmMonth?: unknown;
  /** Rent as quoted, converted: "0.8元/㎡/天" → 24.33 元/㎡/月 */
  rentQuoted?: unknown;
  /** 元/㎡ */
  salePriceYuanPerSqm?: unknown;
  /** 万元/亩 */
  landPriceWanPerMu?: unknown;
  /** 亩均税收要求 万元/亩 */
  minTaxPerMuWan?: unknown;
  /** 投资强度要求 万元/亩 */
  minInvestIntensityWanPerMu?: unknown;
  /** GB/T 4754 codes; empty = unrestricted */
  allowedIndustries?: string[];
  availableFrom?: unknown;
  notes?: unknown;
  title?: string;
  kind?: 'factory' | 'land' | 'office' | 'warehouse';
  deal?: 'rent' | 'sale' | 'land_transfer';
}

export interface UpdateParkDto {
  name?: string;
  aliases?: string[];
  level?: 'national' | 'provincial' | 'city' | 'county' | null;
  region?: string;
  address?: string;
  minTaxPerMuWan?: number;
  minInvestIntensityWanPerMu?: number;
  /** Industries to add */
  industries?: IndustryInputDto[];
}

export interface UpdatePolicyDto {
  kind?:
    | 'rent_waiver'
    | 'rent_discount'
    | 'investment_subsidy'
    | 'equipment_subsidy'
    | 'tax_reward'
    | 'land_price_discount'
    | 'talent_subsidy'
    | 'talent_housing'
    | 'executive_tax_support'
    | 'office_space'
    | 'working_capital_fund'
    | 'industry_fund'
    | 'loan_interest_subsidy'
    | 'chain_subsidy'
    | 'approval_service'
    | 'other';
  title?: string;
  parkId?: unknown;
  amountWan?: unknown;
  percent?: unknown;
  baseFact?: unknown;
  multiplier?: unknown;
  months?: number[];
  freeMonths?: unknown;
  capWan?: unknown;
  durationYears?: unknown;
  /** Rule tree {and:[…]} / {or:[…]} / {fact, op, value} */
  conditions?: unknown;
  legacyRisk?: boolean;
  status?: 'extracted' | 'reviewed' | 'rejected';
}

export interface UpdateRuleDto {
  name?: string;
  position?: number;
  active?: boolean;
  conditions?: RuleConditionsDto;
  targetType?: 'consultant' | 'team' | 'pool';
  targetConsultantId?: string;
  targetTeamId?: string;
  strategy?: 'round_robin' | 'least_loaded';
  requireOnDuty?: boolean;
}

export interface UpdateTaskDto {
  title?: string;
  dueAt?: string;
  status?: 'open' | 'done' | 'cancelled';
  assigneeId?: string;
}

export interface UpdateUserDto {
  name?: string;
  role?: 'consultant' | 'manager' | 'admin';
  password?: string;
  active?: boolean;
}

export interface UserResponse {
  id: string;
  email: string;
  name: string;
  role: 'consultant' | 'manager' | 'admin';
  active: boolean;
  demo: boolean;
  lastLoginAt?: unknown;
  createdAt: string;
}
