// 报送审核 (seed 001 系统推广日常管理): what each unit submitted in a month, the reviewer's
// verdict, and the compliant count that becomes the unit's `compliant_submissions` figure.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { App, Button, DatePicker, Empty, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { Api, CommandError } from '../../api';
import type { OrgSnapshot } from '../../bindings/OrgSnapshot';
import type { SubmissionKind } from '../../bindings/SubmissionKind';
import type { SubmissionView } from '../../bindings/SubmissionView';
import type { Verdict } from '../../bindings/Verdict';
import { useWaiting, WaitingTag } from '../../components/Decisions';
import { useI18n } from '../../i18n';
import { today } from '../../clock';

const KINDS: SubmissionKind[] = ['minutes', 'briefing', 'bulletin', 'training'];

export function Submissions({ api, snap, month: initial }: { api: Api; snap: OrgSnapshot; month: string }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [month, setMonth] = useState(initial);
  const [rows, setRows] = useState<SubmissionView[] | null>(null);
  const [adding, setAdding] = useState(false);
  const [rejecting, setRejecting] = useState<SubmissionView | null>(null);
  const [note, setNote] = useState('');
  const [form] = Form.useForm<{ unit_id: string; kind: SubmissionKind; title: string; submitted_on: Dayjs }>();

  const [waiting, reloadWaiting] = useWaiting(api);
  const load = useCallback(() => {
    api.submissions(month).then(setRows, (e: CommandError) => void message.error(e.message));
    reloadWaiting();
  }, [api, month, message, reloadWaiting]);
  useEffect(load, [load]);

  const review = async (s: SubmissionView, verdict: Verdict | null, why = '') => {
    try {
      await api.submissionReview(s.id, verdict, why);
      load();
      return true;
    } catch (e) {
      void message.error((e as CommandError).message);
      return false;
    }
  };

  const counts = useMemo(() => {
    const m = new Map<string, number>();
    for (const r of rows ?? []) if (r.verdict === 'compliant') m.set(r.unit_id, (m.get(r.unit_id) ?? 0) + 1);
    return m;
  }, [rows]);

  return (
    <>
      <Space wrap style={{ marginBottom: 8 }}>
        <DatePicker picker="month" allowClear={false} value={dayjs(`${month}-01`)} onChange={(d) => d && setMonth(d.format('YYYY-MM'))} />
        <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
          {t('subs.add')}
        </Button>
        <span style={{ color: '#666' }}>{t('subs.hint')}</span>
      </Space>
      <Table<SubmissionView>
        data-testid="submissions"
        size="small"
        rowKey="id"
        loading={!rows}
        dataSource={rows ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={t('subs.empty')} /> }}
        columns={[
          { title: t('subs.col.unit'), dataIndex: 'unit_name', width: 140, sorter: (a, b) => a.unit_name.localeCompare(b.unit_name, 'zh') },
          { title: t('subs.col.kind'), dataIndex: 'kind', width: 100, render: (k: SubmissionKind) => label('SubmissionKind', k) },
          { title: t('subs.col.title'), dataIndex: 'title' },
          { title: t('subs.col.date'), dataIndex: 'submitted_on', width: 110 },
          {
            title: t('subs.col.verdict'),
            width: 220,
            render: (_, s) =>
              waiting.get(s.id) ? (
                <WaitingTag d={waiting.get(s.id)!} />
              ) : s.verdict === 'compliant' ? (
                <Tag color="green">{t('subs.compliant')}</Tag>
              ) : s.verdict === 'noncompliant' ? (
                <Tag color="red" title={s.verdict_note}>
                  {t('subs.noncompliant')}：{s.verdict_note}
                </Tag>
              ) : (
                <Tag color="orange">{t('subs.pending')}</Tag>
              ),
          },
          { title: t('subs.col.count'), width: 90, align: 'right', render: (_, s) => counts.get(s.unit_id) ?? 0 },
          {
            title: '',
            width: 190,
            render: (_, s) =>
              !waiting.get(s.id) && (
              <Space size={0}>
                <Button size="small" type="link" disabled={s.verdict === 'compliant'} onClick={() => void review(s, 'compliant')} data-testid="sub-ok">
                  {t('subs.markOk')}
                </Button>
                <Button size="small" type="link" danger disabled={s.verdict === 'noncompliant'} onClick={() => setRejecting(s)}>
                  {t('subs.markBad')}
                </Button>
                {s.verdict && (
                  <Popconfirm title={t('subs.undoConfirm')} onConfirm={() => void review(s, null)}>
                    <Button size="small" type="link">
                      {t('subs.undo')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
              ),
          },
        ]}
      />
      <Modal
        open={!!rejecting}
        title={t('subs.markBad')}
        okButtonProps={{ disabled: !note.trim() }}
        onCancel={() => setRejecting(null)}
        onOk={async () => {
          if (rejecting && (await review(rejecting, 'noncompliant', note))) {
            setRejecting(null);
            setNote('');
          }
        }}
      >
        <Input.TextArea value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('subs.badReason')} />
      </Modal>
      <Modal
        open={adding}
        title={t('subs.add')}
        onCancel={() => setAdding(false)}
        onOk={async () => {
          const v = form.getFieldsValue();
          try {
            await api.submissionAdd({ unit_id: v.unit_id, kind: v.kind, title: v.title ?? '', submitted_on: v.submitted_on?.format('YYYY-MM-DD') ?? '' });
            setAdding(false);
            form.resetFields();
            load();
          } catch (e) {
            void message.error((e as CommandError).message);
          }
        }}
      >
        <Form form={form} layout="vertical" initialValues={{ kind: 'briefing', submitted_on: today() }}>
          <Form.Item name="unit_id" label={t('subs.col.unit')}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={snap.units.filter((u) => u.kind !== 'department').map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
          <Form.Item name="kind" label={t('subs.col.kind')}>
            <Select options={KINDS.filter((k) => k !== 'minutes').map((k) => ({ value: k, label: label('SubmissionKind', k) }))} />
          </Form.Item>
          <Form.Item name="title" label={t('subs.col.title')}>
            <Input />
          </Form.Item>
          <Form.Item name="submitted_on" label={t('subs.col.date')}>
            <DatePicker />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
