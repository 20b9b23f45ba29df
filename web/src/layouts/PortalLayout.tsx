import { Link, Outlet } from 'react-router';
import { useI18n } from '../i18n.js';
import { LangSwitch } from '../components/LangSwitch.js';
import { PortalModeContext } from '../components/OrgSelect.js';

/** The public portal: no login, no side menu, one column for phones first. */
export function PortalLayout() {
  const { t } = useI18n();
  return (
    <div className="portal">
      <header className="portal-header">
        <Link to="/portal" className="portal-title" data-testid="portal-home">
          {t('portalName')}
        </Link>
        <nav style={{ display: 'flex', alignItems: 'center', gap: 12, flex: 'none' }}>
          <Link to="/portal/track" data-testid="portal-track-link">
            {t('portalTrack')}
          </Link>
          <LangSwitch dark />
        </nav>
      </header>
      <main className="portal-main">
        <PortalModeContext.Provider value={true}>
          <Outlet />
        </PortalModeContext.Provider>
      </main>
    </div>
  );
}
