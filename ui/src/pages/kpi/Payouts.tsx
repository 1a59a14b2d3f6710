import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, DatePicker, Empty, Modal, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { ButtonProps } from 'antd';
import type { Api, CommandError } from '../../api';
import type { Payout } from '../../bindings/Payout';
import type { PayoutRegister } from '../../bindings/PayoutRegister';
import { useI18n } from '../../i18n';
import { formatAmount, formatPeriod } from '../../format';

/** 奖励兑现: the rewards of locked periods, paid the month after (次月兑现). */
export function Payouts({ api }: { api: Api }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [period, setPeriod] = useState<string | undefined>();
  const [all, setAll] = useState<PayoutRegister | null>(null);
  const [error, setError] = useState<CommandError | null>(null);
  const [paying, setPaying] = useState<Payout | null>(null);
  const [day, setDay] = useState<dayjs.Dayjs | null>(null); // none: today, as the app counts it

  const load = useCallback(() => {
    api.kpiPayouts().then(setAll, setError);
  }, [api]);
  useEffect(load, [load]);

  if (error) return <Alert type="error" showIcon title={error.message} />;
  if (!all) return null;
  const periods = [...new Set(all.rows.map((r) => r.period))];
  const rows = period ? all.rows.filter((r) => r.period === period) : all.rows;
  const sum = (xs: Payout[]) => xs.reduce((s, r) => s + Number(r.amount), 0).toFixed(2);
  const pay = () => {
    if (!paying) return;
    api.kpiPay(paying.id, day?.format('YYYY-MM-DD')).then(
      () => {
        setPaying(null);
        load();
        void message.success(t('kpi.payouts.paidOk'));
      },
      (e: CommandError) => void message.error(e.message),
    );
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('kpi.payouts.intro')}</Typography.Text>
      <Space wrap>
        <Select
          allowClear
          style={{ width: 170 }}
          placeholder={t('kpi.payouts.allPeriods')}
          value={period}
          onChange={setPeriod}
          options={periods.map((p) => ({ value: p, label: formatPeriod(p, lang) }))}
          data-testid="payouts-period"
        />
        <Button
          icon={<FileExcelOutlined />}
          data-testid="payouts-export"
          disabled={rows.length === 0}
          onClick={() =>
            api.kpiPayoutsExport(period).then(
              (path) => void message.success({ content: <span data-testid="xlsx-saved">{t('report.saved', { path })}</span>, duration: 6 }),
              (e: CommandError) => void message.error(e.message),
            )
          }
        >
          {t('kpi.payouts.export')}
        </Button>
        <Statistic title={t('kpi.payouts.total')} value={formatAmount(sum(rows))} />
        <Statistic title={t('kpi.payouts.unpaid')} value={formatAmount(sum(rows.filter((r) => !r.paid_at)))} />
      </Space>
      {rows.length === 0 ? (
        <Empty description={t('kpi.payouts.none')} />
      ) : (
        <Table<Payout>
          size="small"
          rowKey="id"
          bordered
          pagination={false}
          dataSource={rows}
          data-testid="payouts-table"
          columns={[
            { title: t('kpi.payouts.period'), dataIndex: 'period', width: 110, render: (p: string, r) => `${formatPeriod(p, lang)} · v${r.version}` },
            { title: t('kpi.reward'), dataIndex: 'rule' },
            { title: t('kpi.unit'), dataIndex: 'unit_name', width: 150 },
            {
              title: t('kpi.amount'),
              dataIndex: 'amount',
              width: 120,
              align: 'right',
              render: (a: string, r) => (
                <span data-testid={`payout-amount-${r.id}`} style={Number(a) < 0 ? { color: '#c0392b' } : undefined}>
                  {formatAmount(a)}
                </span>
              ),
            },
            { title: t('kpi.payouts.due'), dataIndex: 'due_month', width: 100, render: (m: string) => formatPeriod(m, lang) },
            {
              title: t('kpi.payouts.state'),
              key: 'state',
              width: 230,
              render: (_: unknown, r) =>
                r.paid_at ? (
                  <Tag color="green" data-testid={`payout-paid-${r.id}`}>
                    {t('kpi.payouts.paidOn', { on: r.paid_at, by: r.paid_by ?? '' })}
                  </Tag>
                ) : (
                  <Button size="small" data-testid={`payout-pay-${r.id}`} onClick={() => (setDay(null), setPaying(r))}>
                    {Number(r.amount) < 0 ? t('kpi.payouts.recover') : t('kpi.payouts.pay')}
                  </Button>
                ),
            },
          ]}
        />
      )}
      <Modal
        open={paying !== null}
        title={paying ? t('kpi.payouts.payTitle', { unit: paying.unit_name, amount: formatAmount(paying.amount) }) : ''}
        okText={t('kpi.payouts.pay')}
        okButtonProps={{ 'data-testid': 'payout-ok' } as ButtonProps}
        onOk={pay}
        onCancel={() => setPaying(null)}
        destroyOnHidden
      >
        <Space>
          {t('kpi.payouts.paidAt')}
          <DatePicker value={day} onChange={setDay} placeholder={t('kpi.payouts.today')} data-testid="payout-day" />
        </Space>
      </Modal>
    </Space>
  );
}
