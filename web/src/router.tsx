import { Result, Spin } from 'antd';
import type { ComponentType } from 'react';
import { createBrowserRouter, useRouteError } from 'react-router';
import { ErrorState } from './components/ui.js';
import { useI18n } from './i18n.js';
import { PortalLayout } from './layouts/PortalLayout.js';
import { WorkbenchLayout } from './layouts/WorkbenchLayout.js';

/** Each page is its own chunk, loaded on first visit. */
const page = (load: () => Promise<{ default: ComponentType }>) => ({
  lazy: async () => ({ Component: (await load()).default }),
});

function RouteError() {
  const error = useRouteError();
  // A stale deployment can miss a chunk: a reload fetches the current one.
  return <ErrorState error={error} onRetry={() => window.location.reload()} />;
}

function Fallback() {
  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: 48 }}>
      <Spin />
    </div>
  );
}

export function NotFound() {
  const { t } = useI18n();
  return <Result status="404" title="404" subTitle={t('notFound')} />;
}

export const router = createBrowserRouter([
  { path: '/login', ...page(() => import('./pages/Login.js')), errorElement: <RouteError />, HydrateFallback: Fallback },
  {
    path: '/portal',
    element: <PortalLayout />,
    errorElement: <RouteError />,
    HydrateFallback: Fallback,
    children: [
      { index: true, ...page(() => import('./pages/portal/PortalHome.js')) },
      { path: 'apply/:type', ...page(() => import('./pages/portal/PortalApply.js')) },
      { path: 'track', ...page(() => import('./pages/portal/PortalTrack.js')) },
      { path: '*', Component: NotFound },
    ],
  },
  {
    path: '/',
    element: <WorkbenchLayout />,
    errorElement: <RouteError />,
    HydrateFallback: Fallback,
    children: [
      { index: true, ...page(() => import('./pages/Todo.js')) },
      { path: 'cases', ...page(() => import('./pages/CaseList.js')) },
      { path: 'cases/new/:type', ...page(() => import('./pages/CaseNew.js')) },
      { path: 'cases/:id', ...page(() => import('./pages/CaseDetail.js')) },
      { path: 'import', ...page(() => import('./pages/Import.js')) },
      { path: 'cockpit', ...page(() => import('./pages/Cockpit.js')) },
      { path: 'registers/:key', ...page(() => import('./pages/registers/RegisterList.js')) },
      { path: 'registers/:key/import', ...page(() => import('./pages/registers/RegisterImport.js')) },
      { path: 'registers/:key/:id', ...page(() => import('./pages/registers/RegisterEntry.js')) },
      { path: 'password', ...page(() => import('./pages/ChangePassword.js')) },
      { path: 'admin/users', ...page(() => import('./pages/admin/Users.js')) },
      { path: 'admin/roles', ...page(() => import('./pages/admin/Roles.js')) },
      { path: 'admin/calendar', ...page(() => import('./pages/admin/Calendar.js')) },
      { path: 'admin/mediation/categories', ...page(() => import('./pages/mediation/Categories.js')) },
      { path: 'admin/mediation/rules', ...page(() => import('./pages/mediation/RoutingRules.js')) },
      { path: 'admin/mediation/committees', ...page(() => import('./pages/mediation/Committees.js')) },
      { path: '*', Component: NotFound },
    ],
  },
]);
