// 工作日历: the days off and weekend days worked that deadlines are counted with. The State
// Council's notices for 2016, 2017 and 2026 are built in; headquarters publishes other years'
// and corrections here, and they go down to every unit in the next bundles.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import type { Api } from '../../api';
import { CommandError } from '../../api';
import type { CalendarDay } from '../../bindings/CalendarDay';
import type { CalendarView } from '../../bindings/CalendarView';
import { useI18n } from '../../i18n';

export function CalendarPanel({ api }: { api: Api }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [view, setView] = useState<CalendarView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [day, setDay] = useState<Dayjs | null>(null);
  const [working, setWorking] = useState(false);
  const [note, setNote] = useState('');
  useEffect(() => {
    api.calendarDays().then(setView, (e: CommandError) => setError(e.message));
  }, [api]);
  const run = async (d: string, w: boolean | null, n: string) => {
    setError(null);
    try {
      setView(await api.calendarSet(d, w, n));
      void message.success(t('calendar.saved'));
      return true;
    } catch (e) {
      setError(e instanceof CommandError ? e.message : String(e));
      return false;
    }
  };
  const hq = view?.hq ?? false;
  return (
    <Card size="small" title={t('calendar.title')}>
      <Typography.Paragraph type="secondary">{hq ? t('calendar.hintHq') : t('calendar.hintUnit')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} data-testid="calendar-error" />}
      {hq && (
        <Space wrap style={{ marginBottom: 8 }}>
          <DatePicker value={day} onChange={setDay} data-testid="calendar-day" />
          <Select
            value={working}
            onChange={setWorking}
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 130 }}
            options={[
              { value: false, label: t('calendar.off') },
              { value: true, label: t('calendar.work') },
            ]}
            data-testid="calendar-kind"
          />
          <Input value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('calendar.note')} maxLength={100} style={{ width: 200 }} data-testid="calendar-note" />
          <Button
            type="primary"
            disabled={!day}
            data-testid="calendar-add"
            onClick={async () => {
              if (day && (await run(day.format('YYYY-MM-DD'), working, note))) {
                setDay(null);
                setNote('');
              }
            }}
          >
            {t('calendar.publish')}
          </Button>
        </Space>
      )}
      <Table<CalendarDay>
        size="small"
        rowKey="day"
        pagination={false}
        dataSource={view?.days ?? []}
        data-testid="calendar-days"
        locale={{ emptyText: t('calendar.none') }}
        columns={[
          { title: t('calendar.date'), dataIndex: 'day', width: 120 },
          { title: t('calendar.kind'), width: 110, render: (_, d) => (d.working ? <Tag color="blue">{t('calendar.work')}</Tag> : <Tag color="red">{t('calendar.off')}</Tag>) },
          { title: t('calendar.note'), dataIndex: 'note' },
          ...(hq
            ? [
                {
                  title: '',
                  width: 80,
                  render: (_: unknown, d: CalendarDay) => (
                    <Popconfirm title={t('calendar.removeConfirm')} onConfirm={() => void run(d.day, null, '')}>
                      <Button size="small" type="link" danger>
                        {t('calendar.remove')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
