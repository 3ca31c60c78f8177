/** 顾问 consultant · 经理 manager · 管理员 admin */
export const ROLES = ['consultant', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The authenticated caller as every lib sees it. */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  sessionId: string;
}

/** Managers and admins see every lead; consultants only their own and the pool. */
export function seesAllLeads(user: Pick<AuthUser, 'role'>): boolean {
  return user.role === 'manager' || user.role === 'admin';
}
