import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { api, ApiError, type Me } from '../api.js';
import type { LoginDto } from '../api-types.gen.js';
import { useI18n, useTitle } from '../i18n.js';
import { homeFor, useMe } from '../auth.js';

export function LoginPage() {
  const { t, lang } = useI18n();
  useTitle(t('loginTitle'));
  const me = useMe();
  const qc = useQueryClient();
  const nav = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const next = params.get('next');
  if (me.data) return <Navigate to={next?.startsWith('/app') ? next : homeFor(me.data)} replace />;
  return (
    <Card style={{ maxWidth: 420, margin: '24px auto' }}>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {t('loginTitle')}
      </Typography.Title>
      <Form
        layout="vertical"
        name="login"
        onFinish={async (v: { email: string; password: string }) => {
          setBusy(true);
          setError(null);
          try {
            const r = await api.post<{ user: Me }, LoginDto>('/api/auth/login', { email: v.email.trim(), password: v.password });
            qc.setQueryData(['me'], r.user);
            void nav(next?.startsWith('/app') ? next : homeFor(r.user), { replace: true });
          } catch (e) {
            setError(e instanceof ApiError ? e : new ApiError(0, { code: 'NETWORK', message_zh: '网络错误', message_en: 'Network error' }));
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item name="email" label="Email 邮箱" rules={[{ required: true }]}>
          <Input type="email" autoComplete="username" />
        </Form.Item>
        <Form.Item name="password" label={t('password')} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        {error && <Alert role="alert" type="error" title={error.text(lang)} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('loginButton')}
        </Button>
      </Form>
    </Card>
  );
}
