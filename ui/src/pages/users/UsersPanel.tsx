import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import type { Api } from '../../api';
import { CommandError } from '../../api';
import type { Account } from '../../bindings/Account';
import type { Act } from '../../bindings/Act';
import type { Actor } from '../../bindings/Actor';
import { LABELS } from '../../bindings/labels';
import { useI18n } from '../../i18n';

const ACTS = Object.keys(LABELS.Act) as Act[];

/** 设置 → 用户: administrators add, disable and reset accounts; everyone changes their own
 * password. */
export function UsersPanel({ api, actor }: { api: Api; actor: Actor | null }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [list, setList] = useState<Account[] | null>(null);
  const [adding, setAdding] = useState(false);
  const [resetting, setResetting] = useState<string | null>(null);
  const [changing, setChanging] = useState(false);
  const [addForm] = Form.useForm();
  const [resetForm] = Form.useForm();
  const [pwForm] = Form.useForm();
  const admin = actor?.admin ?? false;

  const load = useCallback(() => {
    if (admin) api.usersList().then(setList, () => setList([]));
  }, [api, admin]);
  useEffect(load, [load]);

  const fail = (e: unknown) => void message.error(e instanceof CommandError ? e.message : String(e));

  const add = async () => {
    const v = await addForm.validateFields();
    try {
      const a = await api.usersAdd({ login: v.login, name: v.name ?? '', password: v.password, admin: !!v.admin, hq_staff: !!v.hq_staff, grants: v.grants ?? [] });
      void message.success(t('users.added', { login: a.login }));
      setAdding(false);
      addForm.resetFields();
      load();
    } catch (e) {
      fail(e);
    }
  };

  const reset = async () => {
    const v = await resetForm.validateFields();
    try {
      await api.usersReset(resetting ?? '', v.password);
      void message.success(t('users.resetDone', { login: resetting ?? '' }));
      setResetting(null);
      resetForm.resetFields();
    } catch (e) {
      fail(e);
    }
  };

  const change = async () => {
    const v = await pwForm.validateFields();
    try {
      await api.usersChangePassword(v.old, v.password);
      void message.success(t('users.changed'));
      setChanging(false);
      pwForm.resetFields();
    } catch (e) {
      fail(e);
    }
  };

  return (
    <Card
      title={t('users.title')}
      extra={
        <Space>
          <Button onClick={() => setChanging(true)} data-testid="users-change-password">
            {t('users.changePassword')}
          </Button>
          {admin && (
            <Button type="primary" onClick={() => setAdding(true)} data-testid="users-add">
              {t('users.add')}
            </Button>
          )}
        </Space>
      }
    >
      {admin ? (
        <Table<Account>
          size="small"
          rowKey="login"
          dataSource={list ?? []}
          loading={list === null}
          pagination={false}
          data-testid="users-table"
          columns={[
            { title: t('users.login'), dataIndex: 'login' },
            { title: t('users.name'), dataIndex: 'name' },
            {
              title: t('users.flags'),
              render: (_, a) => (
                <Space size={2}>
                  {a.admin && <Tag color="gold">{t('users.admin')}</Tag>}
                  {a.hq_staff && <Tag color="blue">{t('users.hqStaff')}</Tag>}
                  {a.disabled_at && <Tag color="red">{t('users.disabled')}</Tag>}
                </Space>
              ),
            },
            { title: t('users.grants'), render: (_, a) => a.grants.map((g) => label('Act', g)).join('、') },
            {
              title: '',
              render: (_, a) =>
                a.login === actor?.login ? null : (
                  <Space>
                    <Button size="small" onClick={() => void api.usersDisable(a.login, !a.disabled_at).then(load, fail)}>
                      {a.disabled_at ? t('users.enable') : t('users.disable')}
                    </Button>
                    <Button size="small" onClick={() => setResetting(a.login)}>
                      {t('users.reset')}
                    </Button>
                  </Space>
                ),
            },
          ]}
        />
      ) : (
        <span>{t('users.notAdmin')}</span>
      )}
      <Modal open={adding} title={t('users.add')} onOk={() => void add()} onCancel={() => setAdding(false)} destroyOnHidden>
        <Form form={addForm} layout="vertical">
          <Form.Item name="login" label={t('users.login')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="name" label={t('setup.name')}>
            <Input />
          </Form.Item>
          <Form.Item name="password" label={t('users.password')} rules={[{ required: true, min: 8 }]}>
            <Input.Password />
          </Form.Item>
          <Space>
            <Form.Item name="admin" label={t('users.admin')} valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item name="hq_staff" label={t('users.hqStaff')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Space>
          <Form.Item name="grants" label={t('users.grants')}>
            <Select mode="multiple" options={ACTS.map((a) => ({ value: a, label: label('Act', a) }))} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={resetting !== null} title={`${t('users.reset')} ${resetting ?? ''}`} onOk={() => void reset()} onCancel={() => setResetting(null)} destroyOnHidden>
        <Form form={resetForm} layout="vertical">
          <Form.Item name="password" label={t('signin.newPassword')} rules={[{ required: true, min: 8 }]}>
            <Input.Password />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={changing} title={t('users.changePassword')} onOk={() => void change()} onCancel={() => setChanging(false)} destroyOnHidden>
        <Form form={pwForm} layout="vertical">
          <Form.Item name="old" label={t('users.oldPassword')} rules={[{ required: true }]}>
            <Input.Password />
          </Form.Item>
          <Form.Item name="password" label={t('signin.newPassword')} rules={[{ required: true, min: 8 }]}>
            <Input.Password />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
