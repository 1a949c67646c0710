// The frame of every signed-in page: the header with who is signed in (name and role), the language
// switch and sign-out; links to each desk when the person works at more than one; the desk's page below.
import { NavLink, Outlet } from 'react-router';
import { Button, Layout, Space, Tag } from 'antd';
import { LogoutOutlined } from '@ant-design/icons';
import { useSession } from '../auth/session';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/zh-CN';
import { LanguageSwitch } from './LanguageSwitch';
import { desksOf } from './desks';

export function AppLayout() {
  const { t, label } = useI18n();
  const { user, signOut } = useSession();
  const desks = user ? desksOf(user) : [];
  return (
    <Layout className="app">
      <Layout.Header className="app__header">
        <strong className="app__brand">{t('app.title')}</strong>
        {desks.length > 1 && (
          <nav aria-label={t('desk.nav')} className="app__desks">
            {desks.map((desk) => (
              <NavLink key={desk} to={desk} className="app__desk">
                {t(`desk.name.${desk}` as MessageKey)}
              </NavLink>
            ))}
          </nav>
        )}
        <Space size="middle" className="app__who">
          <span data-testid="signed-in-user">{user?.displayName}</span>
          {user?.roles.map((role) => (
            <Tag key={role} variant="outlined" className="app__role">
              {label('role', role)}
            </Tag>
          ))}
          <LanguageSwitch />
          <Button icon={<LogoutOutlined />} onClick={() => void signOut()}>
            {t('header.signOut')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content className="app__content">
        <Outlet />
      </Layout.Content>
    </Layout>
  );
}
