import {
  ApartmentOutlined,
  AppstoreOutlined,
  BellOutlined,
  BookOutlined,
  BranchesOutlined,
  CalendarOutlined,
  CloudUploadOutlined,
  ClusterOutlined,
  DashboardOutlined,
  FileAddOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  ProfileOutlined,
  SafetyOutlined,
  SettingOutlined,
  TagsOutlined,
  TeamOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Layout, Menu, type MenuProps, Spin, Tooltip } from 'antd';
import { useState } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { auth, calendar, can, isApiError } from '../api.js';
import { ErrorState, useShowProblem } from '../components/ui.js';
import { LangSwitch } from '../components/LangSwitch.js';
import { type StringKey, strings, useI18n } from '../i18n.js';
import { moduleOf, useRegisterDefs } from '../pages/registers/common.js';
import { useCaseTypes, useMe } from '../session.js';

type Item = Required<MenuProps>['items'][number];

function item(key: string, label: string, to: string, icon: React.ReactNode, testId: string): Item {
  return {
    key,
    icon,
    label: (
      <Link to={to} data-testid={testId}>
        {label}
      </Link>
    ),
  };
}

/** The menu entry a path belongs to. */
function selectedKey(path: string): string {
  if (path === '/') return 'todo';
  if (path.startsWith('/cases/new/')) return `new:${path.slice('/cases/new/'.length)}`;
  if (path.startsWith('/cases')) return 'cases';
  if (path.startsWith('/registers/')) return `reg:${path.split('/')[2]}`;
  return path.slice(1);
}

export function WorkbenchLayout() {
  const { t, l } = useI18n();
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const showProblem = useShowProblem();
  // Below the lg breakpoint the menu hides and a header button opens it.
  const [narrow, setNarrow] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  const perms = me.data?.permissions ?? [];
  const types = useCaseTypes();
  const isCalendarAdmin = can(perms, 'admin.calendar');
  const registerDefs = useRegisterDefs(!!me.data);
  const alerts = useQuery({
    queryKey: ['calendar-alerts'],
    queryFn: calendar.alerts,
    enabled: isCalendarAdmin,
    staleTime: 10 * 60 * 1000,
  });

  if (me.isPending)
    return (
      <div style={{ display: 'flex', justifyContent: 'center', paddingTop: 120 }}>
        <Spin size="large" />
      </div>
    );
  if (me.error) {
    if (isApiError(me.error) && me.error.status === 401) {
      const next = location.pathname + location.search;
      return <Navigate to={`/login${next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}`} replace />;
    }
    return <ErrorState error={me.error} onRetry={() => me.refetch()} />;
  }
  const user = me.data;
  if (user.mustChangePassword && location.pathname !== '/password') return <Navigate to="/password" replace />;

  const newItems: Item[] = (types.data ?? [])
    .filter((ct) => can(perms, ct.create.permission))
    .map((ct) => item(`new:${ct.type}`, l(ct.label), `/cases/new/${ct.type}`, undefined, `menu-new-${ct.type}`));
  const adminItems: Item[] = [
    can(perms, 'admin.users') && item('admin/users', t('menuUsers'), '/admin/users', <TeamOutlined />, 'menu-admin-users'),
    can(perms, 'admin.roles') && item('admin/roles', t('menuRoles'), '/admin/roles', <SafetyOutlined />, 'menu-admin-roles'),
    isCalendarAdmin && item('admin/calendar', t('menuCalendar'), '/admin/calendar', <CalendarOutlined />, 'menu-admin-calendar'),
  ].filter(Boolean) as Item[];
  const disputeItems: Item[] = [
    can(perms, 'mediation.taxonomy.write') &&
      item('admin/mediation/categories', t('menuCategories'), '/admin/mediation/categories', <TagsOutlined />, 'menu-mediation-categories'),
    can(perms, 'mediation.routing.write') &&
      item('admin/mediation/rules', t('menuRoutingRules'), '/admin/mediation/rules', <BranchesOutlined />, 'menu-mediation-rules'),
    can(perms, 'mediation.committee.read') &&
      item('admin/mediation/committees', t('menuCommittees'), '/admin/mediation/committees', <ApartmentOutlined />, 'menu-mediation-committees'),
  ].filter(Boolean) as Item[];
  // One menu group per module, holding the registers this user may read.
  const regGroups = new Map<string, Item[]>();
  for (const d of registerDefs.data ?? []) {
    if (!can(perms, d.permissions.read)) continue;
    const mod = moduleOf(d);
    regGroups.set(mod, [...(regGroups.get(mod) ?? []), item(`reg:${d.key}`, l(d.label), `/registers/${d.key}`, undefined, `menu-register-${d.key}`)]);
  }
  const moduleLabel = (mod: string) => {
    const k = `module_${mod}` as StringKey;
    return k in strings ? t(k) : (l(types.data?.find((ct) => ct.type === mod)?.label) || mod);
  };
  const registerItems: Item[] = [...regGroups.entries()].map(([mod, children]) => ({
    key: `regs:${mod}`,
    icon: <BookOutlined />,
    label: <span data-testid={`menu-registers-${mod}`}>{`${moduleLabel(mod)}${t('menuRegisters')}`}</span>,
    children,
  }));
  const items: Item[] = [
    can(perms, 'case.read') && item('todo', t('menuTodo'), '/', <ProfileOutlined />, 'menu-todo'),
    can(perms, 'case.read') && item('cases', t('menuCases'), '/cases', <UnorderedListOutlined />, 'menu-cases'),
    newItems.length > 0 && { key: 'new', icon: <FileAddOutlined />, label: <span data-testid="menu-new">{t('menuNew')}</span>, children: newItems },
    can(perms, 'case.import') && item('import', t('menuImport'), '/import', <CloudUploadOutlined />, 'menu-import'),
    (can(perms, 'cockpit.read') || can(perms, 'indicator.read')) &&
      item('cockpit', t('menuCockpit'), '/cockpit', <DashboardOutlined />, 'menu-cockpit'),
    ...registerItems,
    disputeItems.length > 0 && {
      key: 'mediation-admin',
      icon: <ClusterOutlined />,
      label: <span data-testid="menu-mediation-admin">{t('menuDisputes')}</span>,
      children: disputeItems,
    },
    adminItems.length > 0 && {
      key: 'admin',
      icon: <SettingOutlined />,
      label: <span data-testid="menu-admin">{t('menuAdmin')}</span>,
      children: adminItems,
    },
  ].filter(Boolean) as Item[];

  const logout = async () => {
    try {
      await auth.logout();
    } catch (e) {
      showProblem(e);
    }
    qc.clear();
    navigate('/login', { replace: true });
  };
  const alertCount = alerts.data?.length ?? 0;
  const where = [user.regionName, user.agencyName].filter(Boolean).join(' · ');

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        breakpoint="lg"
        collapsedWidth={0}
        trigger={null}
        collapsed={narrow && !menuOpen}
        onBreakpoint={(broken) => {
          setNarrow(broken);
          setMenuOpen(false);
        }}
        width={216}
        data-testid="side-menu"
        // On a narrow screen the open menu floats over the page instead of squeezing it.
        style={narrow ? { position: 'fixed', insetBlock: 0, left: 0, zIndex: 100, overflowY: 'auto' } : undefined}
      >
        <div className="brand" title={t('appName')}>
          <AppstoreOutlined style={{ marginRight: 8 }} />
          {t('appName')}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[selectedKey(location.pathname)]}
          onClick={() => narrow && setMenuOpen(false)}
          defaultOpenKeys={['new', 'admin', 'mediation-admin']}
          items={items}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="wb-header">
          {narrow && (
            <Button
              type="text"
              icon={menuOpen ? <MenuFoldOutlined /> : <MenuUnfoldOutlined />}
              onClick={() => setMenuOpen(!menuOpen)}
              aria-label={t('menu')}
              data-testid="menu-toggle"
            />
          )}
          <div className="who" data-testid="current-user" style={{ flex: 1 }}>
            <strong>{user.displayName}</strong>
            {where && <span style={{ color: 'rgba(0,0,0,0.55)', marginLeft: 8 }}>{where}</span>}
          </div>
          <div style={{ display: 'flex', alignItems: 'center', gap: 12, flex: 'none' }}>
            {isCalendarAdmin && alertCount > 0 && (
              <Tooltip title={alerts.data?.map((a) => l(a.message)).join('；') || t('calendarAlerts')}>
                <Link to="/admin/calendar" data-testid="calendar-alerts" aria-label={t('calendarAlerts')}>
                  <Badge count={alertCount} size="small">
                    <BellOutlined style={{ fontSize: 18, color: 'rgba(0,0,0,0.65)' }} />
                  </Badge>
                </Link>
              </Tooltip>
            )}
            <LangSwitch />
            <Button size="small" icon={<LogoutOutlined />} onClick={logout} data-testid="logout">
              {t('logout')}
            </Button>
          </div>
        </Layout.Header>
        <Layout.Content className="wb-content" onClick={() => narrow && menuOpen && setMenuOpen(false)}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
