import type { Role } from '@app/identity';

/** Password of every demo account (shown in the README; demo data only). */
export const DEMO_PASSWORD = 'zhaoshang2026';

export interface DemoUser {
  email: string;
  name: string;
  role: Role;
  /** What the consultant is good at, in words. */
  speciality?: string;
  /** The same as GB/T 4754 divisions, for their routing profile. */
  industries?: string[];
}

export const DEMO_USERS: DemoUser[] = [
  { email: 'manager@demo.zhaoshang.local', name: '陈经理（演示）', role: 'manager' },
  {
    email: 'wang@demo.zhaoshang.local',
    name: '王磊（演示）',
    role: 'consultant',
    speciality: '新能源汽车、汽车零部件、电机电气',
    industries: ['C36', 'C38'],
  },
  {
    email: 'li@demo.zhaoshang.local',
    name: '李娜（演示）',
    role: 'consultant',
    speciality: '生物医药、大健康',
    industries: ['C27', 'Q84'],
  },
  {
    email: 'zhang@demo.zhaoshang.local',
    name: '张伟（演示）',
    role: 'consultant',
    speciality: '数字经济、软件与信息服务、高端装备',
    industries: ['I65', 'C39', 'C34', 'C35'],
  },
];
