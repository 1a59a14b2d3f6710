import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { Api, CommandError } from '../../api';
import type { Check } from '../../bindings/Check';
import type { FollowupState } from '../../bindings/FollowupState';
import type { FollowupView } from '../../bindings/FollowupView';
import type { FollowupsView } from '../../bindings/FollowupsView';
import type { Signal } from '../../bindings/Signal';
import { useI18n } from '../../i18n';

const STATE_COLORS: Record<FollowupState, string> = { open: 'blue', overdue: 'red', reported: 'gold', closed: 'green' };
const DATE = 'YYYY-MM-DD';

/** The follow-ups of this site, loaded once and reloaded after each change. */
export function useFollowups(api: Api) {
  const [view, setView] = useState<FollowupsView | null>(null);
  const reload = useCallback(() => {
    api.boardFollowups().then(setView, () => setView(null));
  }, [api]);
  useEffect(reload, [reload]);
  return { view, reload };
}

/** The follow-up not yet closed of a unit's check, if any. */
export function openFollowup(view: FollowupsView | null, unit: string, check: Check) {
  return view?.rows.find((f) => f.unit === unit && f.check === check && f.state !== 'closed');
}

/** Headquarters turns a red or amber light into a follow-up: what it asks and by when. */
export function RaiseFollowup({
  api,
  target,
  today,
  onClose,
}: {
  api: Api;
  target: { unit: string; unitName: string; signal: Signal } | null;
  today: string;
  onClose: (raised: boolean) => void;
}) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ request: string; due: dayjs.Dayjs }>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (target) form.setFieldsValue({ request: t('board.raise.requestDefault'), due: dayjs(today).add(7, 'day') });
  }, [target, today, form, t]);
  if (!target) return null;
  const submit = async () => {
    // The form shows what is missing; nothing is sent.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      await api.boardFollowupRaise({ unit: target.unit, check: target.signal.check, request: v.request, due: v.due.format(DATE) });
      message.success(t('board.raise.done', { unit: target.unitName }));
      onClose(true);
    } catch (e) {
      message.error((e as CommandError).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('board.raise.title', { unit: target.unitName, check: label('Check', target.signal.check) })}
      okText={t('board.raise.ok')}
      onOk={submit}
      confirmLoading={busy}
      onCancel={() => onClose(false)}
      okButtonProps={{ id: 'followup-raise-ok' }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('board.raise.help')}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item label={t('board.raise.reason')}>
          <Typography.Text data-testid="followup-reason">{target.signal.reason}</Typography.Text>
        </Form.Item>
        <Form.Item name="request" label={t('board.raise.request')} rules={[{ required: true, whitespace: true, max: 2000 }]}>
          <Input.TextArea rows={3} maxLength={2000} showCount data-testid="followup-request" autoFocus />
        </Form.Item>
        <Form.Item name="due" label={t('board.raise.due')} rules={[{ required: true }]}>
          <DatePicker allowClear={false} data-testid="followup-due" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type Step = { kind: 'answer' | 'close' | 'return'; f: FollowupView } | null;

/**
 * 总部督办: at headquarters the follow-ups it raised, with the units' reports to close or
 * return; at a unit those it received, to report on. Hidden at a unit that has none.
 */
export function FollowupsCard({ api, view, reload }: { api: Api; view: FollowupsView | null; reload: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [step, setStep] = useState<Step>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ note: string; done_on: dayjs.Dayjs; comment: string; due: dayjs.Dayjs }>();
  if (!view || (!view.hq && view.rows.length === 0)) return null;

  const open = (kind: 'answer' | 'close' | 'return', f: FollowupView) => {
    form.resetFields();
    form.setFieldsValue({ note: kind === 'answer' ? f.report : '', done_on: dayjs(view.today), comment: '', due: dayjs(view.today).add(7, 'day') });
    setStep({ kind, f });
  };
  const submit = async () => {
    if (!step) return;
    // The form shows what is missing; nothing is sent.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      if (step.kind === 'answer') {
        await api.boardFollowupReport({ followup_id: step.f.id, note: v.note, done_on: v.done_on.format(DATE) });
        message.success(t('board.fu.answered'));
      } else {
        const close = step.kind === 'close';
        await api.boardFollowupDecide({ followup_id: step.f.id, close, comment: v.comment ?? '', due: close ? null : v.due.format(DATE) });
        message.success(t(close ? 'board.fu.closedMsg' : 'board.fu.returnedMsg'));
      }
      setStep(null);
      reload();
    } catch (e) {
      message.error((e as CommandError).message);
    } finally {
      setBusy(false);
    }
  };
  const actions = (f: FollowupView) => {
    if (f.state === 'closed') return null;
    if (!view.hq) {
      return (
        <Button size="small" type={f.state === 'reported' ? 'default' : 'primary'} onClick={() => open('answer', f)} data-testid={`followup-answer-${f.id}`}>
          {t(f.state === 'reported' ? 'board.fu.reanswer' : 'board.fu.answer')}
        </Button>
      );
    }
    return (
      <Space size="small">
        <Button size="small" onClick={() => open('close', f)} data-testid={`followup-close-${f.id}`}>
          {t('board.fu.close')}
        </Button>
        {f.state === 'reported' && (
          <Button size="small" onClick={() => open('return', f)} data-testid={`followup-return-${f.id}`}>
            {t('board.fu.return')}
          </Button>
        )}
      </Space>
    );
  };
  const title = step ? `${t(step.kind === 'answer' ? 'board.fu.answer' : step.kind === 'close' ? 'board.fu.close' : 'board.fu.return')}：${step.f.unit_name} · ${label('Check', step.f.check)}` : '';

  return (
    <Card
      size="small"
      id="followups"
      data-testid="followups"
      title={
        <Space>
          {t('board.fu.title')}
          <Tooltip title={t('board.fu.help')}>
            <QuestionCircleOutlined />
          </Tooltip>
        </Space>
      }
    >
      {view.rows.length === 0 ? (
        <Alert type="info" showIcon title={t('board.fu.none')} />
      ) : (
        <Table<FollowupView>
          size="small"
          rowKey="id"
          dataSource={view.rows}
          pagination={view.rows.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
          scroll={{ x: 'max-content' }}
          onRow={(f) => ({ 'data-testid': `followup-${f.id}` }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { key: 'unit', title: t('board.fu.unit'), render: (_: unknown, f) => f.unit_name },
            { key: 'check', title: t('board.fu.check'), render: (_: unknown, f) => label('Check', f.check) },
            {
              key: 'request',
              title: t('board.fu.request'),
              render: (_: unknown, f) => (
                <div style={{ maxWidth: 360, whiteSpace: 'normal' }}>
                  <Tooltip title={f.reason}>{f.request}</Tooltip>
                  {f.round > 1 && (
                    <div>
                      <Typography.Text type="warning">{t('board.fu.returned', { comment: f.comment })}</Typography.Text>
                    </div>
                  )}
                </div>
              ),
            },
            { key: 'due', title: t('board.fu.due'), dataIndex: 'due' },
            {
              key: 'state',
              title: t('board.fu.state'),
              render: (_: unknown, f) => (
                <Space size={4}>
                  <Tag color={STATE_COLORS[f.state]} data-testid={`followup-state-${f.id}`}>
                    {label('FollowupState', f.state)}
                  </Tag>
                  {f.round > 1 && <Typography.Text type="secondary">{t('board.fu.round', { n: f.round })}</Typography.Text>}
                </Space>
              ),
            },
            {
              key: 'report',
              title: t('board.fu.report'),
              render: (_: unknown, f) =>
                f.report ? (
                  <div style={{ maxWidth: 320, whiteSpace: 'normal' }} data-testid={`followup-report-${f.id}`}>
                    {f.report}
                    <br />
                    <Typography.Text type="secondary">{t('board.fu.doneOn', { date: f.done_on ?? '', by: f.reported_by ?? '' })}</Typography.Text>
                  </div>
                ) : (
                  <Typography.Text type="secondary">—</Typography.Text>
                ),
            },
            { key: 'actions', title: t('board.fu.actions'), render: (_: unknown, f) => actions(f) },
          ]}
        />
      )}
      <Modal open={!!step} title={title} onOk={submit} confirmLoading={busy} onCancel={() => setStep(null)} okButtonProps={{ id: 'followup-step-ok' }} destroyOnHidden forceRender>
        {step && (
          <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
            {step.f.request}
          </Typography.Paragraph>
        )}
        <Form form={form} layout="vertical">
          {step?.kind === 'answer' && (
            <>
              <Form.Item name="note" label={t('board.fu.note')} rules={[{ required: true, whitespace: true, max: 2000 }]}>
                <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('board.fu.notePlaceholder')} data-testid="followup-note" autoFocus />
              </Form.Item>
              <Form.Item name="done_on" label={t('board.fu.doneDate')} rules={[{ required: true }]}>
                <DatePicker allowClear={false} />
              </Form.Item>
            </>
          )}
          {step?.kind === 'close' && (
            <Form.Item name="comment" label={t('board.fu.comment')} rules={[{ max: 2000 }]}>
              <Input.TextArea rows={2} maxLength={2000} data-testid="followup-comment" />
            </Form.Item>
          )}
          {step?.kind === 'return' && (
            <>
              <Form.Item name="comment" label={t('board.fu.returnComment')} rules={[{ required: true, whitespace: true, max: 2000 }]}>
                <Input.TextArea rows={3} maxLength={2000} data-testid="followup-comment" autoFocus />
              </Form.Item>
              <Form.Item name="due" label={t('board.fu.newDue')} rules={[{ required: true }]}>
                <DatePicker allowClear={false} />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </Card>
  );
}
