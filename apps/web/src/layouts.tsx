import { Button, Layout, Menu, Result, Spin, Space, Typography } from 'antd';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useI18n, type TKey } from './i18n.js';
import { homeFor, useLogout, useMe } from './auth.js';
import type { Role } from './api.js';
import { useEffect, useState } from 'react';

export function LangToggle() {
  const { lang, setLang, t } = useI18n();
  return (
    <Button
      size="small"
      onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
      aria-label={t('switchLangLabel')}
      lang={lang === 'zh' ? 'en' : 'zh-CN'}
    >
      {t('switchLang')}
    </Button>
  );
}

export function PublicLayout() {
  const { t } = useI18n();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="public-header">
        <Link className="brand" to="/">
          {t('appName')}
        </Link>
        <nav aria-label="main">
          <Link to="/">{t('navSubmit')}</Link>
          <Link to="/status">{t('navStatus')}</Link>
          <Link to="/login">{t('navLogin')}</Link>
          <LangToggle />
        </nav>
      </header>
      <main id="main" className="public-main">
        <Outlet />
      </main>
    </>
  );
}

interface NavItem {
  path: string;
  label: TKey;
  roles: Role[];
}
const NAV: NavItem[] = [
  { path: '/app/board', label: 'board', roles: ['consultant', 'manager', 'admin'] },
  { path: '/app/pool', label: 'pool', roles: ['consultant', 'manager', 'admin'] },
  { path: '/app/tasks', label: 'tasks', roles: ['consultant', 'manager', 'admin'] },
  { path: '/app/leads', label: 'leads', roles: ['manager', 'admin'] },
  { path: '/app/dashboard', label: 'dashboard', roles: ['manager', 'admin'] },
  { path: '/app/admin/listings', label: 'listings', roles: ['admin', 'manager'] },
  { path: '/app/admin/parks', label: 'parks', roles: ['admin', 'manager'] },
  { path: '/app/admin/policies', label: 'policies', roles: ['admin', 'manager'] },
  { path: '/app/admin/articles', label: 'articlesAdmin', roles: ['admin', 'manager'] },
  { path: '/app/admin/routing', label: 'routing', roles: ['admin', 'manager'] },
  { path: '/app/admin/users', label: 'users', roles: ['admin'] },
  { path: '/app/admin/notifications', label: 'notifications', roles: ['admin', 'manager'] },
];

export function AppLayout() {
  const { t } = useI18n();
  const me = useMe();
  const logout = useLogout();
  const nav = useNavigate();
  const loc = useLocation();
  const [narrow, setNarrow] = useState(() => window.matchMedia('(max-width: 800px)').matches);
  useEffect(() => {
    const mq = window.matchMedia('(max-width: 800px)');
    const on = () => setNarrow(mq.matches);
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, []);
  if (me.isLoading) return <Spin style={{ margin: 48 }} />;
  if (!me.data) return <Navigate to={`/login?next=${encodeURIComponent(loc.pathname + loc.search)}`} replace />;
  const user = me.data;
  const items = NAV.filter((n) => n.roles.includes(user.role)).map((n) => ({ key: n.path, label: <Link to={n.path}>{t(n.label)}</Link> }));
  const selected = NAV.map((n) => n.path).filter((p) => loc.pathname.startsWith(p));
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <Layout.Header
        style={{ display: 'flex', alignItems: 'center', gap: 12, padding: '0 12px', background: '#fff', borderBottom: '1px solid #eee' }}
      >
        <Link to={homeFor(user)} style={{ fontWeight: 600, color: '#c8161d', whiteSpace: 'nowrap' }}>
          {t('appName')}
        </Link>
        <nav aria-label="app" style={{ flex: 1, minWidth: 0 }}>
          <Menu
            mode="horizontal"
            selectedKeys={selected}
            items={items}
            style={{ borderBottom: 'none' }}
            overflowedIndicator={narrow ? <span aria-label={t('menu')}>☰</span> : undefined}
          />
        </nav>
        <Space size="small">
          {!narrow && <Typography.Text type="secondary">{user.name}</Typography.Text>}
          <LangToggle />
          <Button
            size="small"
            onClick={async () => {
              await logout();
              void nav('/login');
            }}
          >
            {t('logout')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content id="main" className="app-content">
        <Outlet />
      </Layout.Content>
    </Layout>
  );
}

export function RequireRole({ roles, children }: { roles: Role[]; children: React.ReactNode }) {
  const me = useMe();
  const { t } = useI18n();
  if (!me.data) return null;
  if (!roles.includes(me.data.role)) return <Result status="403" title="403" subTitle={t('error')} />;
  return <>{children}</>;
}
