import { useCallback, useEffect, useState } from 'react';
import { App, Button, Dropdown, Input, Modal, Space, Tag, Tooltip, Typography } from 'antd';
import { CheckCircleOutlined, FilePdfOutlined, LockOutlined, SendOutlined, UnlockOutlined } from '@ant-design/icons';
import type { ButtonProps } from 'antd';
import dayjs from 'dayjs';
import type { Api, CommandError } from '../../api';
import type { PeriodStatus } from '../../bindings/PeriodStatus';
import { useI18n } from '../../i18n';
import { formatPeriod } from '../../format';

/** A stored moment (UTC) in this computer's time: "2016-12-28 22:19". */
const minute = (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm');

type Ask = { kind: 'publish' | 'reopen'; reason: string } | null;

/**
 * The cycle after the score for one period: publish its results (each publication a version
 * that stays), lock it (figures stop changing, rewards go to 奖励兑现), reopen it with a reason.
 */
export function Publish({ api, schemeId, period }: { api: Api; schemeId: string; period: string }) {
  const { t, lang } = useI18n();
  const { message, modal } = App.useApp();
  const [status, setStatus] = useState<PeriodStatus | null>(null);
  const [ask, setAsk] = useState<Ask>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    api.kpiStatus(period, schemeId).then(setStatus, () => setStatus(null));
  }, [api, period, schemeId]);
  useEffect(load, [load]);

  const done = (s: PeriodStatus, text: string) => {
    setStatus(s);
    setAsk(null);
    void message.success(text);
  };
  const fail = (e: CommandError) => void message.error({ content: <span data-testid="cycle-error">{e.message}</span>, duration: 8 });
  const run = (p: Promise<PeriodStatus>, text: (s: PeriodStatus) => string) => {
    setBusy(true);
    p.then((s) => done(s, text(s)), fail).finally(() => setBusy(false));
  };

  if (!status) return null;
  const newest = status.publications[0];
  const locked = status.lock;
  const label = formatPeriod(period, lang);
  const submit = () => {
    if (!ask) return;
    if (ask.kind === 'publish') {
      run(api.kpiPublish(period, ask.reason, schemeId), (s) => t('kpi.cycle.published', { period: label, version: s.publications[0]?.version ?? '' }));
    } else {
      run(api.kpiReopen(period, ask.reason, schemeId), () => t('kpi.cycle.reopened', { period: label }));
    }
  };
  const lock = () =>
    modal.confirm({
      title: t('kpi.cycle.lockTitle', { period: label }),
      content: t('kpi.cycle.lockText'),
      okText: t('kpi.cycle.lock'),
      onOk: () => run(api.kpiLock(period, schemeId), () => t('kpi.cycle.locked', { period: label })),
    });

  return (
    <Space wrap data-testid="cycle">
      {locked ? (
        <Tooltip title={t('kpi.cycle.lockedBy', { period: formatPeriod(locked.period, lang), by: locked.by, at: minute(locked.at) })}>
          <Tag color="green" icon={<LockOutlined />} data-testid="cycle-state">
            {t('kpi.cycle.stateLocked', { version: newest?.version ?? '—' })}
          </Tag>
        </Tooltip>
      ) : newest ? (
        <Tooltip title={t('kpi.cycle.publishedBy', { by: newest.published_by, at: minute(newest.published_at) })}>
          <Tag color={status.changed ? 'orange' : 'blue'} icon={<CheckCircleOutlined />} data-testid="cycle-state">
            {status.changed ? t('kpi.cycle.stateChanged', { version: newest.version }) : t('kpi.cycle.statePublished', { version: newest.version })}
          </Tag>
        </Tooltip>
      ) : (
        <Tag data-testid="cycle-state">{t('kpi.cycle.stateDraft')}</Tag>
      )}
      {!locked && (status.changed || !newest) && (
        <Button icon={<SendOutlined />} loading={busy} data-testid="cycle-publish" onClick={() => setAsk({ kind: 'publish', reason: '' })}>
          {newest ? t('kpi.cycle.republish') : t('kpi.cycle.publish')}
        </Button>
      )}
      {!locked && newest && !status.changed && (
        <Button icon={<LockOutlined />} loading={busy} data-testid="cycle-lock" onClick={lock}>
          {t('kpi.cycle.lock')}
        </Button>
      )}
      {locked && locked.period === status.period && (
        <Button icon={<UnlockOutlined />} loading={busy} data-testid="cycle-reopen" onClick={() => setAsk({ kind: 'reopen', reason: '' })}>
          {t('kpi.cycle.reopen')}
        </Button>
      )}
      {status.publications.length > 1 && (
        <Dropdown
          menu={{
            items: status.publications.map((p) => ({
              key: String(p.version),
              icon: <FilePdfOutlined />,
              label: (
                <span data-testid={`cycle-version-${p.version}`}>
                  {t('kpi.cycle.versionPdf', { version: p.version, at: minute(p.published_at) })}
                  {p.reason && <Typography.Text type="secondary">{` · ${p.reason}`}</Typography.Text>}
                </span>
              ),
            })),
            onClick: ({ key }) =>
              api.reportBulletin(period, schemeId, Number(key)).then(
                (path) => void message.success({ content: <span data-testid="pdf-saved">{t('report.saved', { path })}</span>, duration: 6 }),
                fail,
              ),
          }}
        >
          <Button data-testid="cycle-versions">{t('kpi.cycle.versions', { n: status.publications.length })}</Button>
        </Dropdown>
      )}
      <Modal
        open={ask !== null}
        title={ask?.kind === 'reopen' ? t('kpi.cycle.reopenTitle', { period: label }) : t('kpi.cycle.publishTitle', { period: label })}
        okText={ask?.kind === 'reopen' ? t('kpi.cycle.reopen') : t('kpi.cycle.publish')}
        okButtonProps={{ 'data-testid': 'cycle-ok', loading: busy } as ButtonProps}
        onOk={submit}
        onCancel={() => setAsk(null)}
        destroyOnHidden
      >
        <Typography.Paragraph>
          {ask?.kind === 'reopen' ? t('kpi.cycle.reopenText') : newest ? t('kpi.cycle.republishText', { version: newest.version }) : t('kpi.cycle.publishText')}
        </Typography.Paragraph>
        {(ask?.kind === 'reopen' || newest) && (
          <Input.TextArea
            autoFocus
            data-testid="cycle-reason"
            rows={3}
            maxLength={2000}
            placeholder={t('kpi.cycle.reason')}
            value={ask?.reason}
            onChange={(e) => ask && setAsk({ ...ask, reason: e.target.value })}
          />
        )}
      </Modal>
    </Space>
  );
}
