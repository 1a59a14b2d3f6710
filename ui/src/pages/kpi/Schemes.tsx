import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Space, Table, Typography } from 'antd';
import type { Api, CommandError } from '../../api';
import type { SchemeSummary } from '../../bindings/SchemeSummary';
import type { IndicatorInfo } from '../../bindings/IndicatorInfo';
import { useI18n, type MessageKey } from '../../i18n';

export function Schemes({ api, schemes, onAdded }: { api: Api; schemes: SchemeSummary[]; onAdded: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [templates, setTemplates] = useState<SchemeSummary[]>([]);
  useEffect(() => {
    api.kpiTemplates().then(setTemplates, () => setTemplates([]));
  }, [api]);
  const add = async (id: string) => {
    try {
      const s = await api.kpiAddTemplate(id);
      void message.success(t('kpi.scheme.addedOk', { name: s.name, version: s.version }));
      onAdded();
    } catch (e) {
      void message.error((e as CommandError).message);
    }
  };
  const card = (s: SchemeSummary, template: boolean) => (
        <Card
          key={`${template ? 't' : 's'}-${s.id}`}
          size="small"
          title={template ? `${t('kpi.scheme.template')}：${s.name}` : s.name}
          extra={
            template && (
              <Button size="small" onClick={() => void add(s.id)} data-testid={`add-template-${s.id}`}>
                {t('kpi.scheme.addTemplate')}
              </Button>
            )
          }
        >
          <Descriptions size="small" column={4}>
            <Descriptions.Item label="ID">{s.id}</Descriptions.Item>
            {!template && <Descriptions.Item label={t('kpi.scheme.version')}>v{s.version}</Descriptions.Item>}
            <Descriptions.Item label={t('kpi.scheme.window')}>{`${s.start} ~ ${s.end}`}</Descriptions.Item>
            {!template && <Descriptions.Item label={t('kpi.scheme.added')}>{s.added_at.slice(0, 10)}</Descriptions.Item>}
          </Descriptions>
          {s.findings.map((f, i) => (
            <Alert key={i} style={{ marginBottom: 8 }} type={f.severity === 'error' ? 'error' : 'warning'} showIcon title={f.message} />
          ))}
          {s.notes.length > 0 && (
            <Typography.Paragraph>
              <ul style={{ margin: 0 }}>
                {s.notes.map((n, i) => (
                  <li key={i}>{n}</li>
                ))}
              </ul>
            </Typography.Paragraph>
          )}
          <Table<IndicatorInfo>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={s.indicators}
            columns={[
              { title: t('kpi.scheme.indicators'), dataIndex: 'name', width: 180 },
              { title: t('kpi.scheme.points'), dataIndex: 'points', width: 70, align: 'right' },
              { title: t('kpi.scheme.rule'), dataIndex: 'rule', width: 110, render: (r: string) => t(`kpi.rule.${r}` as MessageKey) },
              { title: t('kpi.scheme.note'), dataIndex: 'note' },
            ]}
            summary={(rows) => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>{t('kpi.total')}</Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  {rows.reduce((a, r) => a + Number(r.points), 0)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} colSpan={2} />
              </Table.Summary.Row>
            )}
          />
        </Card>
  );
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {schemes.map((s) => card(s, false))}
      {templates.map((s) => card(s, true))}
    </Space>
  );
}
