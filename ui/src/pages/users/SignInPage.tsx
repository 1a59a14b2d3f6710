import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import type { Api } from '../../api';
import { CommandError } from '../../api';
import type { DoorView } from '../../bindings/DoorView';
import { useI18n } from '../../i18n';

/** Before anything opens: sign in, unlock, set up the first administrator of a plain database,
 * or reset a password with the recovery key. */
export function SignInPage({ api, door, onOpen }: { api: Api; door: DoorView; onOpen: (d: DoorView) => void }) {
  const { t } = useI18n();
  const [mode, setMode] = useState<'signin' | 'recover'>('signin');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);
  const [form] = Form.useForm();
  const locked = door.locked ?? null;
  const demo = door.state.demo ?? null;

  const run = async (f: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await f();
    } catch (e) {
      setError(e instanceof CommandError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  // User Timing marks: the start benchmark reads where the time from 登录 to home goes.
  const signIn = (v: { login: string; password: string }) =>
    run(async () => {
      performance.mark('signin:submit');
      const door = await api.signIn(locked ?? v.login.trim(), v.password);
      performance.mark('signin:opened');
      onOpen(door);
    });

  const setUp = (v: { login: string; name?: string; password: string }) =>
    run(async () => {
      const key = await api.setUp({ login: v.login.trim(), name: v.name ?? '', password: v.password, admin: true, hq_staff: false, grants: [] });
      setRecoveryKey(key);
    });

  const recover = (v: { recovery: string; login: string; password: string }) =>
    run(async () => onOpen(await api.recover(v.recovery, v.login.trim(), v.password)));

  const twice = ({ getFieldValue }: { getFieldValue: (n: string) => unknown }) => ({
    validator: (_: unknown, value: string) =>
      !value || getFieldValue('password') === value ? Promise.resolve() : Promise.reject(new Error(t('signin.mismatch'))),
  });

  let title: string;
  let body: React.ReactNode;
  if (door.state.needs_setup) {
    title = t('setup.title');
    body = (
      <Form form={form} layout="vertical" onFinish={setUp} data-testid="setup-form">
        <Typography.Paragraph type="secondary">{t('setup.hint')}</Typography.Paragraph>
        <Form.Item name="login" label={t('signin.login')} rules={[{ required: true, message: t('signin.required') }]}>
          <Input autoFocus data-testid="setup-login" />
        </Form.Item>
        <Form.Item name="name" label={t('setup.name')}>
          <Input data-testid="setup-name" />
        </Form.Item>
        <Form.Item name="password" label={t('signin.newPassword')} rules={[{ required: true, min: 8, message: t('signin.required') }]}>
          <Input.Password data-testid="setup-password" />
        </Form.Item>
        <Form.Item name="again" label={t('signin.newPasswordAgain')} dependencies={['password']} rules={[{ required: true, message: t('signin.required') }, twice]}>
          <Input.Password data-testid="setup-again" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} block id="setup-submit">
          {t('setup.submit')}
        </Button>
      </Form>
    );
  } else if (mode === 'recover') {
    title = t('signin.recover');
    body = (
      <Form form={form} layout="vertical" onFinish={recover}>
        <Form.Item name="recovery" label={t('signin.recoveryKey')} rules={[{ required: true, message: t('signin.required') }]}>
          <Input.TextArea autoSize data-testid="recovery-key" />
        </Form.Item>
        <Form.Item name="login" label={t('signin.login')} rules={[{ required: true, message: t('signin.required') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="password" label={t('signin.newPassword')} rules={[{ required: true, min: 8, message: t('signin.required') }]}>
          <Input.Password />
        </Form.Item>
        <Form.Item name="again" label={t('signin.newPasswordAgain')} dependencies={['password']} rules={[{ required: true, message: t('signin.required') }, twice]}>
          <Input.Password />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('signin.recoverSubmit')}
          </Button>
          <Button onClick={() => setMode('signin')}>{t('signin.back')}</Button>
        </Space>
      </Form>
    );
  } else {
    title = locked ? t('lock.title') : t('signin.title');
    body = (
      <Form form={form} layout="vertical" onFinish={signIn} data-testid="signin-form">
        {locked && <Typography.Paragraph data-testid="lock-hint">{t('lock.hint', { name: door.locked_name ?? locked })}</Typography.Paragraph>}
        {!locked && (
          <Form.Item name="login" label={t('signin.login')} rules={[{ required: true, message: t('signin.required') }]}>
            <Input prefix={<UserOutlined />} autoFocus data-testid="signin-login" />
          </Form.Item>
        )}
        <Form.Item name="password" label={t('signin.password')} rules={[{ required: true, message: t('signin.required') }]}>
          <Input.Password prefix={<LockOutlined />} autoFocus={!!locked} data-testid="signin-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} block id="signin-submit">
          {locked ? t('lock.unlock') : t('signin.submit')}
        </Button>
        <Space style={{ marginTop: 12 }}>
          {locked ? (
            <Button type="link" onClick={() => void api.signOut().then(onOpen)}>
              {t('lock.other')}
            </Button>
          ) : (
            <Button type="link" onClick={() => setMode('recover')}>
              {t('signin.recover')}
            </Button>
          )}
        </Space>
        {demo && !locked && (
          <div style={{ marginTop: 12 }} data-testid="demo-people">
            <Typography.Paragraph type="secondary">{t('signin.demo', { password: demo.password })}</Typography.Paragraph>
            <Space wrap>
              {demo.people.map((p) => (
                <Tag
                  key={p.login}
                  style={{ cursor: 'pointer' }}
                  data-testid={`demo-${p.login}`}
                  onClick={() => form.setFieldsValue({ login: p.login, password: demo.password })}
                >
                  {p.name} {p.post}
                </Tag>
              ))}
            </Space>
          </div>
        )}
      </Form>
    );
  }

  return (
    <div className="bd-signin" style={{ display: 'flex', justifyContent: 'center', alignItems: 'center', minHeight: '100vh', background: '#f0f2f5' }}>
      <Card title={title} style={{ width: 440 }}>
        {error && <Alert type="error" showIcon message={<span data-testid="signin-error">{error}</span>} style={{ marginBottom: 12 }} />}
        {body}
      </Card>
      <Modal
        open={recoveryKey !== null}
        title={t('setup.recoveryTitle')}
        closable={false}
        maskClosable={false}
        cancelButtonProps={{ style: { display: 'none' } }}
        okText={t('setup.recoverySaved')}
        okButtonProps={{ id: 'recovery-saved' }}
        onOk={() => {
          setRecoveryKey(null);
          void api.door().then(onOpen);
        }}
      >
        <Typography.Paragraph>{t('setup.recoveryHint')}</Typography.Paragraph>
        <Typography.Paragraph copyable code data-testid="recovery-shown" style={{ fontSize: 16 }}>
          {recoveryKey}
        </Typography.Paragraph>
      </Modal>
    </div>
  );
}
