import { lazy, Suspense, type ReactNode } from 'react';
import type { RouteObject } from 'react-router-dom';
import { Navigate } from 'react-router-dom';
import { Spin } from 'antd';
import { AppLayout, PublicLayout, RequireRole } from './layouts.js';
import { ArticlePage, IntakePage, NotFoundPage, StatusPage, SuccessPage } from './pages/public.js';
import { LoginPage } from './pages/login.js';

// Staff pages load on demand, so an investor's phone downloads only the public pages (no ECharts).
const BoardPage = lazy(() => import('./pages/board.js').then((m) => ({ default: m.BoardPage })));
const PoolPage = lazy(() => import('./pages/board.js').then((m) => ({ default: m.PoolPage })));
const TasksPage = lazy(() => import('./pages/board.js').then((m) => ({ default: m.TasksPage })));
const LeadsListPage = lazy(() => import('./pages/board.js').then((m) => ({ default: m.LeadsListPage })));
const LeadPage = lazy(() => import('./pages/lead.js').then((m) => ({ default: m.LeadPage })));
const DashboardPage = lazy(() => import('./pages/dashboard.js').then((m) => ({ default: m.DashboardPage })));
const ListingsPage = lazy(() => import('./pages/admin.js').then((m) => ({ default: m.ListingsPage })));
const PoliciesPage = lazy(() => import('./pages/admin.js').then((m) => ({ default: m.PoliciesPage })));
const RoutingPage = lazy(() => import('./pages/admin.js').then((m) => ({ default: m.RoutingPage })));
const ArticlesAdminPage = lazy(() => import('./pages/admin.js').then((m) => ({ default: m.ArticlesAdminPage })));
const UsersPage = lazy(() => import('./pages/users.js').then((m) => ({ default: m.UsersPage })));
const ParksPage = lazy(() => import('./pages/admin.js').then((m) => ({ default: m.ParksPage })));
const NotificationsPage = lazy(() => import('./pages/admin.js').then((m) => ({ default: m.NotificationsPage })));

const page = (el: ReactNode) => <Suspense fallback={<Spin style={{ margin: 48 }} />}>{el}</Suspense>;
const MANAGERS = ['manager', 'admin'] as const;

export const routes: RouteObject[] = [
  {
    element: <PublicLayout />,
    children: [
      { path: '/', element: <IntakePage /> },
      { path: '/submit', element: <IntakePage /> },
      { path: '/submitted/:reference', element: <SuccessPage /> },
      { path: '/status', element: <StatusPage /> },
      { path: '/articles/:id', element: <ArticlePage /> },
      { path: '/login', element: <LoginPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
  {
    path: '/app',
    element: <AppLayout />,
    children: [
      { index: true, element: <Navigate to="/app/board" replace /> },
      { path: 'board', element: page(<BoardPage />) },
      { path: 'pool', element: page(<PoolPage />) },
      { path: 'tasks', element: page(<TasksPage />) },
      {
        path: 'leads',
        element: page(
          <RequireRole roles={[...MANAGERS]}>
            <LeadsListPage />
          </RequireRole>,
        ),
      },
      { path: 'leads/:id', element: page(<LeadPage />) },
      {
        path: 'dashboard',
        element: page(
          <RequireRole roles={[...MANAGERS]}>
            <DashboardPage />
          </RequireRole>,
        ),
      },
      {
        path: 'admin/listings',
        element: page(
          <RequireRole roles={[...MANAGERS]}>
            <ListingsPage />
          </RequireRole>,
        ),
      },
      {
        path: 'admin/policies',
        element: page(
          <RequireRole roles={[...MANAGERS]}>
            <PoliciesPage />
          </RequireRole>,
        ),
      },
      {
        path: 'admin/routing',
        element: page(
          <RequireRole roles={[...MANAGERS]}>
            <RoutingPage />
          </RequireRole>,
        ),
      },
      {
        path: 'admin/articles',
        element: page(
          <RequireRole roles={[...MANAGERS]}>
            <ArticlesAdminPage />
          </RequireRole>,
        ),
      },
      {
        path: 'admin/users',
        element: page(
          <RequireRole roles={['admin']}>
            <UsersPage />
          </RequireRole>,
        ),
      },
      {
        path: 'admin/parks',
        element: page(
          <RequireRole roles={[...MANAGERS]}>
            <ParksPage />
          </RequireRole>,
        ),
      },
      {
        path: 'admin/notifications',
        element: page(
          <RequireRole roles={[...MANAGERS]}>
            <NotificationsPage />
          </RequireRole>,
        ),
      },
    ],
  },
];
