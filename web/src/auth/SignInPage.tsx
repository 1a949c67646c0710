// The sign-in page: a staff account's user name and password (POST /auth/login), and why the person
// is here when it was not their choice (the session expired).
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { Alert, Button, Form, Input } from 'antd';
import { ApiError } from '../api/client';
import { LanguageSwitch } from '../app/LanguageSwitch';
import { homeOf } from '../app/desks';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/zh-CN';
import { useSession } from './session';

interface Credentials {
  username: string;
  password: string;
}

const failureOf = (err: unknown): MessageKey =>
  err instanceof ApiError && err.status === 401 ? 'signIn.wrong' : err instanceof ApiError && err.status === 429 ? 'signIn.tooMany' : 'error.unavailable';

export function SignInPage() {
  const { t } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const from = (useLocation().state as { from?: string } | null)?.from;
  const [failure, setFailure] = useState<MessageKey>();
  const [busy, setBusy] = useState(false);

  if (session.user) return <Navigate to={from ?? homeOf(session.user)} replace />;

  const submit = async ({ username, password }: Credentials) => {
    setBusy(true);
    setFailure(undefined);
    try {
      const user = await session.signIn(username.trim(), password);
      navigate(from ?? homeOf(user), { replace: true });
    } catch (err) {
      setFailure(failureOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="sign-in">
      <div className="sign-in__language">
        <LanguageSwitch />
      </div>
      <div className="sign-in__card">
        <h1 className="sign-in__title">{t('app.title')}</h1>
        <p className="muted">{t('signIn.subtitle')}</p>
        {session.reason && !failure && (
          <Alert
            className="sign-in__alert"
            type={session.reason === 'expired' ? 'warning' : 'info'}
            showIcon
            title={t(session.reason === 'expired' ? 'signIn.expired' : 'signIn.signedOut')}
          />
        )}
        {failure && <Alert className="sign-in__alert" type="error" showIcon role="alert" title={t(failure)} />}
        <Form<Credentials> layout="vertical" onFinish={submit} requiredMark={false} disabled={busy}>
          <Form.Item label={t('signIn.username')} name="username" rules={[{ required: true, whitespace: true, message: t('signIn.usernameRequired') }]}>
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label={t('signIn.password')} name="password" rules={[{ required: true, message: t('signIn.passwordRequired') }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('signIn.submit')}
          </Button>
        </Form>
      </div>
    </main>
  );
}
