import { useEffect } from 'react';
import { App, Button, Card, Form, InputNumber, Space, Typography } from 'antd';
import type { Api, CommandError } from '../../api';
import type { BoardThresholds } from '../../bindings/BoardThresholds';
import type { Settings } from '../../bindings/Settings';
import { useI18n, type MessageKey } from '../../i18n';

/** Pairs of thresholds (amber, red) and single ones, in the board's order of checks. */
const FIELDS: { label: MessageKey; unit: MessageKey; keys: (keyof BoardThresholds)[]; max: number }[] = [
  { label: 'board.set.plan', unit: 'board.set.points', keys: ['plan_amber', 'plan_red'], max: 100 },
  { label: 'board.set.overdue', unit: 'board.set.days', keys: ['overdue_red_days'], max: 365 },
  { label: 'board.set.kpiBelow', unit: 'board.set.percent', keys: ['kpi_amber_below', 'kpi_red_below'], max: 100 },
  { label: 'board.set.kpiFall', unit: 'board.set.points', keys: ['kpi_fall_amber', 'kpi_fall_red'], max: 100 },
  { label: 'board.set.submissions', unit: 'board.set.pieces', keys: ['submissions'], max: 31 },
  { label: 'board.set.silence', unit: 'board.set.days', keys: ['silence_amber_days', 'silence_red_days'], max: 365 },
];

/** 设置 → 经营监控: where the board's lights change. */
export function BoardSettings({ api, settings, onSaved }: { api: Api; settings: Settings; onSaved: (s: Settings) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<BoardThresholds>();
  useEffect(() => form.setFieldsValue(settings.board), [form, settings]);

  const save = async () => {
    const board = { ...settings.board, ...(await form.validateFields()) };
    try {
      onSaved(await api.updateSettings({ board }));
      void message.success(t('settings.saved'));
    } catch (e) {
      void message.error({ content: <span data-testid="board-settings-error">{(e as CommandError).message}</span>, duration: 8 });
    }
  };

  return (
    <Card size="small" title={t('board.set.title')}>
      <Typography.Paragraph type="secondary">{t('board.set.help')}</Typography.Paragraph>
      <Form form={form} layout="horizontal" labelCol={{ span: 9 }} wrapperCol={{ span: 15 }} labelWrap onFinish={() => void save()}>
        {FIELDS.map((f) => (
          <Form.Item key={f.label} label={t(f.label)}>
            <Space wrap>
              {f.keys.map((k, i) => (
                <Space key={k} size={4}>
                  {f.keys.length > 1 && <Typography.Text type="secondary">{t(i === 0 ? 'board.set.amber' : 'board.set.red')}</Typography.Text>}
                  <Form.Item name={k} noStyle rules={[{ required: true }]}>
                    <InputNumber min={f.keys[0] === 'submissions' ? 1 : 0} max={f.max} precision={0} style={{ width: 80 }} data-testid={`board-set-${k}`} />
                  </Form.Item>
                  <Typography.Text type="secondary">{t(f.unit)}</Typography.Text>
                </Space>
              ))}
            </Space>
          </Form.Item>
        ))}
        <Form.Item wrapperCol={{ offset: 9 }}>
          <Button type="primary" htmlType="submit" data-testid="board-settings-save">
            {t('settings.save')}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
