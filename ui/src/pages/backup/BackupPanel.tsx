import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, type ButtonProps, Card, Descriptions, Form, Input, InputNumber, Modal, Space, Table, Typography } from 'antd';
import type { Api } from '../../api';
import { CommandError } from '../../api';
import type { Actor } from '../../bindings/Actor';
import type { BackupFile } from '../../bindings/BackupFile';
import type { BackupList } from '../../bindings/BackupList';
import { useI18n } from '../../i18n';

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

/** 设置 → 备份与恢复: back up now or to a file to carry away, the automatic backups and how
 * many are kept, and restoring one (administrators, with their password), after seeing what
 * it holds. `onRestored` is called once the database was replaced and the window signed out. */
export function BackupPanel({ api, actor, onRestored }: { api: Api; actor: Actor | null; onRestored: () => void }) {
  const { t, label } = useI18n();
  const { message, modal } = App.useApp();
  const [list, setList] = useState<BackupList | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [path, setPath] = useState('');
  const [chosen, setChosen] = useState<BackupFile | null>(null);
  const [password, setPassword] = useState('');
  const [keep] = Form.useForm<{ daily: number; weekly: number }>();
  const admin = actor?.admin ?? false;

  const fail = useCallback((e: unknown) => void message.error(e instanceof CommandError ? e.message : String(e)), [message]);
  const load = useCallback(() => {
    api.backupList().then((l) => {
      setList(l);
      keep.setFieldsValue(l.retention);
    }, fail);
  }, [api, fail, keep]);
  useEffect(load, [load]);

  const run = async (what: string, f: () => Promise<void>) => {
    setBusy(what);
    try {
      await f();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  };

  const now = () =>
    run('now', async () => {
      const f = await api.backupNow();
      void message.success(t('backup.made', { path: f.path }));
      load();
    });
  const exported = () =>
    run('export', async () => {
      const f = await api.backupExport();
      void message.success(t('backup.exported', { path: f.path }), 6);
    });
  const saveKeep = () =>
    run('keep', async () => {
      const v = await keep.validateFields();
      const r = await api.backupRetention(v);
      void message.success(t('backup.keepSaved', { daily: r.daily, weekly: r.weekly }));
      load();
    });
  const check = (p: string) =>
    run('check', async () => {
      setPassword('');
      setChosen(await api.backupInspect(p.trim()));
    });
  const restore = () =>
    run('restore', async () => {
      if (!chosen) return;
      const done = await api.backupRestore(chosen.path, password);
      setChosen(null);
      modal.success({
        title: t('backup.restored'),
        content: (
          <Space orientation="vertical">
            {done.kept_aside && <Typography.Text data-testid="backup-aside">{t('backup.restoredAside', { path: done.kept_aside })}</Typography.Text>}
            {done.info.role === 'unit' && <Typography.Text>{t('backup.unitAdvice')}</Typography.Text>}
          </Space>
        ),
        onOk: onRestored,
      });
    });

  // A backup file dropped on the window is checked and offered for restoring.
  useEffect(() => {
    if (!admin) return;
    let stop: (() => void) | undefined;
    let live = true;
    void api
      .onFileDrop((paths) => {
        const p = paths.find((x) => x.endsWith('.bdbak'));
        if (p) {
          setPath(p);
          void check(p);
        }
      })
      .then((un) => {
        if (live) stop = un;
        else un();
      })
      .catch(() => undefined);
    return () => {
      live = false;
      stop?.();
    };
  }, [api, admin]);

  return (
    <Card size="small" title={t('backup.title')} data-testid="backup-panel">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('backup.intro')}</Typography.Text>
        <Space wrap>
          <Button type="primary" loading={busy === 'now'} onClick={() => void now()} data-testid="backup-now">
            {t('backup.now')}
          </Button>
          <Button loading={busy === 'export'} onClick={() => void exported()} data-testid="backup-export">
            {t('backup.export')}
          </Button>
        </Space>
        {admin && (
          <Form form={keep} layout="inline" onFinish={() => void saveKeep()}>
            <Form.Item label={t('backup.daily')} name="daily" rules={[{ required: true }]}>
              <InputNumber min={1} max={60} style={{ width: 80 }} data-testid="backup-keep-daily" />
            </Form.Item>
            <Form.Item label={t('backup.weekly')} name="weekly" rules={[{ required: true }]}>
              <InputNumber min={0} max={52} style={{ width: 80 }} />
            </Form.Item>
            <Form.Item>
              <Button htmlType="submit" loading={busy === 'keep'}>
                {t('backup.keepSave')}
              </Button>
            </Form.Item>
          </Form>
        )}
        <Table<BackupFile>
          size="small"
          rowKey="path"
          data-testid="backup-list"
          dataSource={list?.files ?? []}
          loading={!list}
          pagination={false}
          locale={{ emptyText: t('backup.none') }}
          scroll={{ y: 240 }}
          columns={[
            { title: t('backup.taken'), dataIndex: ['info', 'taken'], width: 170 },
            { title: t('backup.site'), dataIndex: ['info', 'site_name'] },
            { title: t('backup.rows'), dataIndex: ['info', 'rows'], width: 90, align: 'right' },
            { title: t('backup.size'), dataIndex: 'bytes', width: 90, align: 'right', render: (b: number) => mb(b) },
            ...(admin
              ? [
                  {
                    title: '',
                    key: 'restore',
                    width: 90,
                    render: (_: unknown, f: BackupFile) => (
                      <Button size="small" onClick={() => void check(f.path)} data-testid="backup-restore">
                        {t('backup.restore')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
        {admin ? (
          <Space.Compact style={{ width: '100%' }}>
            <Input placeholder={t('backup.filePath')} value={path} onChange={(e) => setPath(e.target.value)} onPressEnter={() => path.trim() && void check(path)} aria-label={t('backup.fromFile')} data-testid="backup-path" />
            <Button loading={busy === 'check'} disabled={!path.trim()} onClick={() => void check(path)} data-testid="backup-check">
              {t('backup.check')}
            </Button>
          </Space.Compact>
        ) : (
          <Typography.Text type="secondary">{t('backup.adminOnly')}</Typography.Text>
        )}
      </Space>
      <Modal
        open={!!chosen}
        title={t('backup.confirmTitle')}
        onCancel={() => setChosen(null)}
        okText={t('backup.restoreOk')}
        okButtonProps={{ danger: true, disabled: !password, loading: busy === 'restore', 'data-testid': 'backup-restore-confirm' } as ButtonProps}
        onOk={() => void restore()}
        destroyOnHidden
      >
        {chosen && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Descriptions size="small" column={1} bordered data-testid="backup-info">
              <Descriptions.Item label={t('backup.taken')}>{chosen.info.taken}</Descriptions.Item>
              <Descriptions.Item label={t('backup.site')}>
                {chosen.info.site_name}（{label('Role', chosen.info.role)}）
              </Descriptions.Item>
              <Descriptions.Item label={t('backup.counts')}>
                {t('backup.countsText', { units: chosen.info.counts.units, people: chosen.info.counts.people, meetings: chosen.info.counts.meetings, kpi: chosen.info.counts.kpi_values })}
              </Descriptions.Item>
              <Descriptions.Item label={t('backup.schema')}>{chosen.info.schema_version}</Descriptions.Item>
              <Descriptions.Item label={t('backup.size')}>{mb(chosen.bytes)}</Descriptions.Item>
            </Descriptions>
            <Alert type="warning" showIcon title={t('backup.aside')} />
            {chosen.info.role === 'unit' && <Alert type="info" showIcon title={t('backup.unitAdvice')} />}
            <Input.Password
              autoFocus
              placeholder={t('backup.password')}
              aria-label={t('backup.password')}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              onPressEnter={() => password && void restore()}
              data-testid="backup-password"
            />
          </Space>
        )}
      </Modal>
    </Card>
  );
}
