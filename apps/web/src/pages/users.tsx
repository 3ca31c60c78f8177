import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  TimePicker,
  Typography,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api, ApiError, itemsOf, type Role } from '../api.js';
import type { CreateUserDto, PutProfileDto, UpdateUserDto } from '../api-types.gen.js';
import { EP } from '../endpoints.js';
import { useI18n, useTitle } from '../i18n.js';

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  demo: boolean;
  lastLoginAt: string | null;
}
interface Profile {
  userId: string;
  industries: string[];
  parkIds: string[];
  teamId: string | null;
  regions: string[];
  capacity: number;
  active: boolean;
  leave: { from: string; to: string }[];
  workingHours: { timezone?: string; days?: number[]; start?: string; end?: string };
  email: string | null;
  wecomUserId: string | null;
  hasRobotKey: boolean;
}
interface ProfileForm {
  industries: string[];
  parkIds: string[];
  teamId?: string;
  regions: string[];
  capacity: number;
  active: boolean;
  days: number[];
  hours?: [Dayjs, Dayjs];
  leave?: [Dayjs, Dayjs];
  email?: string;
  wecomUserId?: string;
}

const ROLES: Role[] = ['consultant', 'manager', 'admin'];

function useFieldErrors(err: unknown) {
  const { pick } = useI18n();
  const e = err instanceof ApiError ? err : null;
  return (name: string) => {
    const f = e?.fields.find((x) => x.field === name || x.field.startsWith(`${name}.`));
    return f ? { validateStatus: 'error' as const, help: <span role="alert">{pick(f.message_zh, f.message_en)}</span> } : {};
  };
}

function ProfileDrawer({ user, onClose }: { user: UserRow | null; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<ProfileForm>();
  const profile = useQuery({
    queryKey: ['profile', user?.id],
    enabled: !!user,
    queryFn: async () => {
      const p = await api.get<Profile>(`/api/consultants/${user!.id}/profile`);
      const wh = p.workingHours ?? {};
      const leave = p.leave?.[p.leave.length - 1];
      form.setFieldsValue({
        industries: p.industries,
        parkIds: p.parkIds ?? [],
        teamId: p.teamId ?? undefined,
        regions: p.regions,
        capacity: p.capacity,
        active: p.active,
        days: wh.days ?? [1, 2, 3, 4, 5],
        hours: [dayjs(wh.start ?? '09:00', 'HH:mm'), dayjs(wh.end ?? '18:00', 'HH:mm')],
        leave: leave ? [dayjs(leave.from), dayjs(leave.to)] : undefined,
        email: p.email ?? undefined,
        wecomUserId: p.wecomUserId ?? undefined,
      });
      return p;
    },
  });
  const save = useMutation({
    mutationFn: (v: ProfileForm) =>
      api.put<unknown, PutProfileDto>(`/api/consultants/${user!.id}/profile`, {
        industries: v.industries ?? [],
        parkIds: v.parkIds ?? [],
        teamId: v.teamId ?? null,
        regions: v.regions ?? [],
        capacity: v.capacity,
        active: v.active,
        workingHours: {
          ...(profile.data?.workingHours ?? {}),
          days: v.days,
          start: (v.hours?.[0] ?? dayjs('09:00', 'HH:mm')).format('HH:mm'),
          end: (v.hours?.[1] ?? dayjs('18:00', 'HH:mm')).format('HH:mm'),
        },
        leave: v.leave ? [{ from: v.leave[0].startOf('day').toISOString(), to: v.leave[1].endOf('day').toISOString() }] : [],
        email: v.email?.trim() || null,
        wecomUserId: v.wecomUserId?.trim() || null,
      }),
    onSuccess: () => {
      void message.success(t('saved'));
      void qc.invalidateQueries({ queryKey: ['profile'] });
      onClose();
    },
  });
  const parks = useQuery({
    queryKey: ['parks-for-profile'],
    enabled: !!user,
    queryFn: async () => itemsOf<{ id: string; name: string }>(await api.get<unknown>('/api/parks')),
  });
  const teams = useQuery({
    queryKey: ['teams-for-profile'],
    enabled: !!user,
    queryFn: async () => itemsOf<{ id: string; name: string }>(await api.get<unknown>('/api/teams')),
  });
  const fe = useFieldErrors(save.error);
  const dayNames = lang === 'zh' ? ['日', '一', '二', '三', '四', '五', '六'] : ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  return (
    <Drawer open={!!user} onClose={onClose} title={`${t('profile')} · ${user?.name ?? ''}`} size={420} destroyOnHidden>
      <Form form={form} layout="vertical" name="profile" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="industries" label={t('industriesCodes')} {...fe('industries')}>
          <Select mode="tags" tokenSeparators={[',', '，', ' ']} placeholder="C36, C38" />
        </Form.Item>
        <Form.Item name="parkIds" label={t('profileParks')} {...fe('parkIds')}>
          <Select
            mode="multiple"
            allowClear
            loading={parks.isLoading}
            options={(parks.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          />
        </Form.Item>
        <Form.Item name="teamId" label={t('profileTeam')} {...fe('teamId')}>
          <Select allowClear loading={teams.isLoading} options={(teams.data ?? []).map((x) => ({ value: x.id, label: x.name }))} />
        </Form.Item>
        <Form.Item name="regions" label={t('regions')} {...fe('regions')}>
          <Select mode="tags" tokenSeparators={[',', '，']} placeholder="浙江省金华市" />
        </Form.Item>
        <Form.Item name="capacity" label={t('capacity')} {...fe('capacity')}>
          <InputNumber min={0} max={10000} />
        </Form.Item>
        <Form.Item name="active" label={t('acceptsLeads')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="days" label={t('workingDays')} {...fe('workingHours')}>
          <Checkbox.Group options={[1, 2, 3, 4, 5, 6, 0].map((d) => ({ value: d, label: dayNames[d]! }))} />
        </Form.Item>
        <Form.Item name="hours" label={t('workingHours')}>
          <TimePicker.RangePicker format="HH:mm" minuteStep={15} />
        </Form.Item>
        <Form.Item name="leave" label={t('leave')} {...fe('leave')}>
          <DatePicker.RangePicker />
        </Form.Item>
        <Form.Item name="email" label={t('notifyEmail')} {...fe('email')}>
          <Input type="email" />
        </Form.Item>
        <Form.Item name="wecomUserId" label={t('wecomId')} {...fe('wecomUserId')}>
          <Input />
        </Form.Item>
        {save.error instanceof ApiError && !save.error.fields.length && (
          <Alert role="alert" type="error" title={save.error.text(lang)} style={{ marginBottom: 12 }} />
        )}
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('save')}
        </Button>
      </Form>
    </Drawer>
  );
}

export function UsersPage() {
  const { t, lang } = useI18n();
  useTitle(t('users'));
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ email: string; name: string; role: Role; password: string }>();
  const [profileFor, setProfileFor] = useState<UserRow | null>(null);
  const users = useQuery({ queryKey: ['users'], queryFn: () => api.get<UserRow[]>(EP.users) });
  const create = useMutation({
    mutationFn: (v: { email: string; name: string; role: Role; password: string }) =>
      api.post<unknown, CreateUserDto>(EP.users, { ...v, email: v.email.trim(), name: v.name.trim() }),
    onSuccess: () => {
      void message.success(t('saved'));
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['users'] });
    },
  });
  const toggle = useMutation({
    mutationFn: (u: UserRow) => api.patch<unknown, UpdateUserDto>(`${EP.users}/${u.id}`, { active: !u.active }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['users'] }),
    onError: (e) => void message.error(e instanceof ApiError ? e.text(lang) : t('error')),
  });
  const fe = useFieldErrors(create.error);
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 20 }}>
        {t('users')}
      </Typography.Title>
      <Table<UserRow>
        rowKey="id"
        size="small"
        loading={users.isLoading}
        dataSource={itemsOf<UserRow>(users.data)}
        scroll={{ x: 700 }}
        style={{ marginBottom: 16 }}
        columns={[
          { title: t('name'), dataIndex: 'name' },
          { title: 'Email', dataIndex: 'email' },
          { title: t('role'), dataIndex: 'role', render: (r: Role) => <Tag>{t(`role_${r}`)}</Tag> },
          {
            title: t('active'),
            key: 'active',
            render: (_: unknown, u) => (
              <Switch size="small" checked={u.active} aria-label={`${t('active')} ${u.name}`} onChange={() => toggle.mutate(u)} />
            ),
          },
          {
            title: '',
            key: 'p',
            render: (_: unknown, u) =>
              u.role === 'consultant' ? (
                <Button size="small" onClick={() => setProfileFor(u)}>
                  {t('profile')}
                </Button>
              ) : null,
          },
        ]}
      />
      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('newUser')}</h2>}>
        <Form form={form} layout="vertical" name="new-user" initialValues={{ role: 'consultant' }} onFinish={(v) => create.mutate(v)}>
          <Space wrap align="start">
            <Form.Item name="email" label="Email" rules={[{ required: true, message: 'Email' }]} {...fe('email')}>
              <Input type="email" style={{ width: 220 }} />
            </Form.Item>
            <Form.Item name="name" label={t('name')} rules={[{ required: true, message: t('name') }]} {...fe('name')}>
              <Input style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="role" label={t('role')} {...fe('role')}>
              <Select style={{ width: 130 }} options={ROLES.map((r) => ({ value: r, label: t(`role_${r}`) }))} />
            </Form.Item>
            <Form.Item name="password" label={t('password')} rules={[{ required: true, message: t('password') }]} {...fe('password')}>
              <Input.Password autoComplete="new-password" style={{ width: 200 }} />
            </Form.Item>
          </Space>
          {create.error instanceof ApiError && !create.error.fields.length && (
            <Alert role="alert" type="error" title={create.error.text(lang)} style={{ marginBottom: 12 }} />
          )}
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            {t('save')}
          </Button>
        </Form>
      </Card>
      <ProfileDrawer user={profileFor} onClose={() => setProfileFor(null)} />
    </>
  );
}
