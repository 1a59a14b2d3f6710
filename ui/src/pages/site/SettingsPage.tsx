import { useEffect } from 'react';
import { App, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Select, Space, Tabs, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { Api } from '../../api';
import { CommandError } from '../../api';
import type { Lang } from '../../bindings/Lang';
import type { LogLevel } from '../../bindings/LogLevel';
import type { Settings } from '../../bindings/Settings';
import { useI18n } from '../../i18n';
import { BoardSettings } from '../board/BoardSettings';
import type { Actor } from '../../bindings/Actor';
import { UsersPanel } from '../users/UsersPanel';
import { BackupPanel } from '../backup/BackupPanel';
import { CalendarPanel } from './CalendarPanel';

interface Values {
  site_name: string;
  group_name: string;
  current_period: Dayjs;
  language: Lang;
  handle_days: number;
  lock_minutes: number;
  appeal_months: number;
  log_level: LogLevel;
  handle_working_days: boolean;
  site_today: Dayjs | null;
}

export function SettingsPage({ api, settings, onSaved, actor = null, onRestored = () => undefined }: { api: Api; settings: Settings; onSaved: (s: Settings) => void; actor?: Actor | null; onRestored?: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();

  useEffect(() => {
    form.setFieldsValue({
      site_name: settings.site.name,
      group_name: settings.site.group_name,
      current_period: dayjs(`${settings.current_period}-01`),
      language: settings.language,
      handle_days: settings.handle_days,
      lock_minutes: settings.lock_minutes,
      appeal_months: settings.appeal_months,
      log_level: settings.log_level,
      handle_working_days: settings.handle_working_days,
      site_today: settings.site_today ? dayjs(settings.site_today) : null,
    });
  }, [form, settings]);

  const save = async () => {
    const v = await form.validateFields();
    try {
      const saved = await api.updateSettings({
        site_name: v.site_name,
        group_name: v.group_name,
        current_period: v.current_period.format('YYYY-MM'),
        language: v.language,
        handle_days: v.handle_days,
        handle_working_days: v.handle_working_days,
        lock_minutes: v.lock_minutes,
        appeal_months: v.appeal_months,
        log_level: v.log_level,
        site_today: v.site_today ? v.site_today.format('YYYY-MM-DD') : '',
      });
      onSaved(saved);
      void message.success(t('settings.saved'));
    } catch (e) {
      const err = e as CommandError;
      if (err.field) form.setFields([{ name: err.field as keyof Values, errors: [err.message] }]);
      else void message.error(err.message || t('common.unknownError'));
    }
  };

  const diagnostics = async () => {
    try {
      const path = await api.diagnosticsExport();
      void message.success(t('settings.diagnosticsSaved', { path }), 6);
    } catch (e) {
      void message.error((e as CommandError).message || t('common.unknownError'));
    }
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void save().catch(() => undefined);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 720 }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('settings.title')}
      </Typography.Title>
      <Tabs
        items={[
          {
            key: 'site',
            label: <span data-testid="settings-tab-site">{t('settings.site')}</span>,
            children: (
              <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
                <Card size="small" title={t('settings.site')}>
                  <Form form={form} layout="horizontal" labelCol={{ span: 7 }} wrapperCol={{ span: 15 }} labelWrap onFinish={() => void save()}>
                    <Form.Item name="site_name" label={t('settings.siteName')} rules={[{ required: true, whitespace: true, message: t('settings.required') }, { max: 60 }]}>
                      <Input data-testid="settings-site-name" maxLength={60} />
                    </Form.Item>
                    <Form.Item name="group_name" label={t('settings.groupName')} rules={[{ max: 60 }]}>
                      <Input maxLength={60} />
                    </Form.Item>
                    <Form.Item name="current_period" label={t('settings.period')} rules={[{ required: true }]}>
                      <DatePicker picker="month" allowClear={false} />
                    </Form.Item>
                    <Form.Item name="language" label={t('settings.language')}>
                      <Select
                        style={{ width: 160 }}
                        options={[
                          { value: 'zh-CN', label: '中文（简体）' },
                          { value: 'en-US', label: 'English' },
                        ]}
                      />
                    </Form.Item>
                    <Form.Item name="site_today" label={t('settings.siteToday')} tooltip={t('settings.siteTodayHelp')}>
                      <DatePicker allowClear placeholder={t('settings.siteTodayNone')} data-testid="settings-site-today" />
                    </Form.Item>
                    <Form.Item name="lock_minutes" label={t('settings.lockMinutes')} tooltip={t('settings.lockHelp')}>
                      <InputNumber min={1} max={240} style={{ width: 80 }} data-testid="settings-lock-minutes" />
                    </Form.Item>
                    <Form.Item name="appeal_months" label={t('settings.appealMonths')} tooltip={t('settings.appealHelp')}>
                      <InputNumber min={1} max={6} style={{ width: 80 }} data-testid="settings-appeal-months" />
                    </Form.Item>
                    <Form.Item name="log_level" label={t('settings.logLevel')} tooltip={t('settings.logLevelHelp')}>
                    <Select
                      style={{ width: 200 }}
                      data-testid="settings-log-level"
                      options={(['warn', 'info', 'debug'] as LogLevel[]).map((l) => ({ value: l, label: label('LogLevel', l) }))}
                    />
                  </Form.Item>
                  <Form.Item label={t('settings.handling')} tooltip={t('settings.handlingHelp')}>
                      <Space>
                        <Form.Item name="handle_days" noStyle>
                          <InputNumber min={1} max={30} style={{ width: 80 }} />
                        </Form.Item>
                        <Form.Item name="handle_working_days" noStyle>
                          <Select
                            style={{ width: 160 }}
                            options={[
                              { value: true, label: t('settings.workingDays') },
                              { value: false, label: t('settings.calendarDays') },
                            ]}
                          />
                        </Form.Item>
                      </Space>
                    </Form.Item>
                    <Form.Item wrapperCol={{ offset: 7 }}>
                      <Space>
                        <Button type="primary" htmlType="submit" data-testid="settings-save">
                          {t('settings.save')}
                        </Button>
                        <Typography.Text type="secondary">{t('settings.shortcut')}</Typography.Text>
                      </Space>
                    </Form.Item>
                  </Form>
                </Card>
                <Descriptions bordered size="small" column={1}>
                  <Descriptions.Item label={t('settings.role')}>{label('Role', settings.site.role)}</Descriptions.Item>
                  <Descriptions.Item label={t('settings.siteId')}>{settings.site.id}</Descriptions.Item>
                  <Descriptions.Item label={t('settings.dbPath')}>
                    <Typography.Text copyable>{settings.db_path}</Typography.Text>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('settings.diagnostics')}>
                    <Space wrap>
                      <Button size="small" onClick={() => void diagnostics()} data-testid="settings-diagnostics">
                        {t('settings.diagnosticsExport')}
                      </Button>
                      <Typography.Text type="secondary">{t('settings.diagnosticsHelp')}</Typography.Text>
                    </Space>
                  </Descriptions.Item>
                </Descriptions>
              </Space>
            ),
          },
          {
            key: 'calendar',
            label: <span data-testid="settings-tab-calendar">{t('calendar.title')}</span>,
            children: <CalendarPanel api={api} />,
          },
          {
            key: 'board',
            label: <span data-testid="settings-tab-board">{t('board.settingsTab')}</span>,
            children: <BoardSettings api={api} settings={settings} onSaved={onSaved} />,
          },
          {
            key: 'users',
            label: <span data-testid="settings-tab-users">{t('users.title')}</span>,
            children: <UsersPanel api={api} actor={actor} />,
          },
          {
            key: 'backup',
            label: <span data-testid="settings-tab-backup">{t('backup.title')}</span>,
            children: <BackupPanel api={api} actor={actor} onRestored={onRestored} />,
          },
        ]}
      />
    </Space>
  );
}
