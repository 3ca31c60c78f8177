import type { RouteObject } from 'react-router-dom';
import { Navigate } from 'react-router-dom';
import { AppLayout, PublicLayout, RequireRole } from './layouts.js';
import { ArticlePage, IntakePage, NotFoundPage, StatusPage, SuccessPage } from './pages/public.js';
import { LoginPage } from './pages/login.js';
import { BoardPage, LeadsListPage, PoolPage } from './pages/board.js';
import { LeadPage } from './pages/lead.js';
import { DashboardPage } from './pages/dashboard.js';
import { ListingsPage, NotificationsPage, PoliciesPage, RoutingPage } from './pages/admin.js';

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
      { path: 'board', element: <BoardPage /> },
      { path: 'pool', element: <PoolPage /> },
      { path: 'leads', element: <RequireRole roles={['manager', 'admin']}><LeadsListPage /></RequireRole> },
      { path: 'leads/:id', element: <LeadPage /> },
      { path: 'dashboard', element: <RequireRole roles={['manager', 'admin']}><DashboardPage /></RequireRole> },
      { path: 'admin/listings', element: <RequireRole roles={['manager', 'admin']}><ListingsPage /></RequireRole> },
      { path: 'admin/policies', element: <RequireRole roles={['admin']}><PoliciesPage /></RequireRole> },
      { path: 'admin/routing', element: <RequireRole roles={['admin']}><RoutingPage /></RequireRole> },
      { path: 'admin/notifications', element: <RequireRole roles={['manager', 'admin']}><NotificationsPage /></RequireRole> },
    ],
  },
];
