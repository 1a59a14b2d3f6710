// 同步: this site's identity, its peers with what was sent, acknowledged and received, export
// with progress, import by picking or dropping a file, and the history of every bundle with
// what its checks found. Headquarters also issues enrolment files and publishes announcements.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Form, Input, Modal, Popconfirm, Progress, Row, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { CloudDownloadOutlined, CloudUploadOutlined, ImportOutlined, NotificationOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { Api, CommandError } from '../../api';
import type { SyncStatus } from '../../bindings/SyncStatus';
import type { Peer } from '../../bindings/Peer';
import type { BundleLog } from '../../bindings/BundleLog';
import type { BundleOutcome } from '../../bindings/BundleOutcome';
import type { ImportReport } from '../../bindings/ImportReport';
import type { ExportReport } from '../../bindings/ExportReport';
import type { DecisionView } from '../../bindings/DecisionView';
import type { Enrolment } from '../../bindings/Enrolment';
import type { Announcement } from '../../bindings/Announcement';
import { useI18n, type MessageKey } from '../../i18n';
import { formatTime } from '../../format';

const OUTCOME_COLOR: Record<BundleOutcome, string> = {
  sent: 'blue',
  applied: 'green',
  duplicate: 'default',
  held: 'orange',
  refused: 'red',
};

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function SyncPage({ api, onChanged }: { api: Api; onChanged?: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [error, setError] = useState<CommandError | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [importing, setImporting] = useState(false);
  const [dropping, setDropping] = useState(false);
  const [imported, setImported] = useState<ImportReport | null>(null);
  const [importError, setImportError] = useState<string | null>(null);
  const [exported, setExported] = useState<ExportReport[]>([]);
  const [enrolCode, setEnrolCode] = useState('');
  const [announcement, setAnnouncement] = useState({ unit: '', title: '', body: '' });
  // An enrolment file waiting for its passcode: the import to run again with it.
  const [joining, setJoining] = useState<((passcode?: string) => Promise<ImportReport>) | null>(null);
  const [passcode, setPasscode] = useState('');
  const [issued, setIssued] = useState<Enrolment | null>(null);
  const [revoking, setRevoking] = useState<Peer | null>(null);
  const [reason, setReason] = useState('');
  const fileRef = useRef<HTMLInputElement>(null);

  const [decisions, setDecisions] = useState<DecisionView[]>([]);
  const [published, setPublished] = useState<Announcement[]>([]);
  const reload = useCallback(() => {
    api.syncStatus().then((s) => {
      setStatus(s);
      setError(null);
    }, setError);
    api.decisions().then(setDecisions, () => setDecisions([]));
    api.announcements().then(setPublished, () => setPublished([]));
  }, [api]);
  useEffect(reload, [reload]);

  const runImport = useCallback(
    async (work: (passcode?: string) => Promise<ImportReport>, code?: string) => {
      setImporting(true);
      setImported(null);
      setImportError(null);
      try {
        const r = await work(code);
        setImported(r);
        onChanged?.();
      } catch (e) {
        const err = e as CommandError;
        if (err.code === 'sync.passcode_needed') {
          setPasscode('');
          setJoining(() => work);
        } else {
          setImportError(err.message);
        }
      } finally {
        setImporting(false);
        reload();
      }
    },
    [reload, onChanged],
  );

  useEffect(() => {
    let stop: (() => void) | undefined;
    let live = true;
    api
      .onFileDrop(
        (paths) => {
          for (const p of paths) void runImport((code) => api.syncImportPath(p, code));
        },
        setDropping,
      )
      .then(
        (s) => (live ? (stop = s) : s()),
        () => undefined,
      );
    return () => {
      live = false;
      stop?.();
    };
  }, [api, runImport]);

  const pick = async (files: FileList | null) => {
    for (const f of Array.from(files ?? [])) {
      const bytes = new Uint8Array(await f.arrayBuffer());
      await runImport((code) => api.syncImport(f.name, bytes, code));
    }
    if (fileRef.current) fileRef.current.value = '';
  };

  const exportTo = async (peers: (string | undefined)[], full: boolean) => {
    setProgress(0);
    setExported([]);
    const done: ExportReport[] = [];
    try {
      for (const [i, to] of peers.entries()) {
        const r = await api.syncExport(to, full, (step, steps) =>
          setProgress(Math.round(((i + step / steps) / peers.length) * 100)),
        );
        done.push(r);
        setExported([...done]);
      }
    } catch (e) {
      void message.error((e as CommandError).message);
    } finally {
      setProgress(null);
      reload();
      onChanged?.();
    }
  };

  const enrol = async () => {
    try {
      const e = await api.syncEnrol(enrolCode);
      setIssued(e);
      setEnrolCode('');
      reload();
    } catch (e) {
      void message.error((e as CommandError).message);
    }
  };

  const join = () => {
    const work = joining;
    setJoining(null);
    if (work) void runImport(work, passcode.trim());
  };

  const rotate = async () => {
    try {
      const fp = await api.syncRotateKeys();
      void message.success(t('sync.rotated', { fp }));
      reload();
    } catch (e) {
      void message.error((e as CommandError).message);
    }
  };

  const revoke = async () => {
    if (!revoking) return;
    try {
      await api.syncRevoke(revoking.unit_code ?? revoking.site_id, reason);
      setRevoking(null);
      setReason('');
      reload();
    } catch (e) {
      void message.error((e as CommandError).message);
    }
  };

  const publish = async () => {
    try {
      await api.announce(announcement.unit.trim() || undefined, announcement.title, announcement.body);
      void message.success(t('sync.announced'));
      setAnnouncement({ unit: '', title: '', body: '' });
      reload();
    } catch (e) {
      void message.error((e as CommandError).message);
    }
  };

  if (error) return <Alert type="error" showIcon title={error.message} />;
  if (!status) return null;
  const hq = status.site.role === 'hq';
  const busy = progress !== null || importing;

  const peerColumns = [
    {
      title: t('sync.peer'),
      dataIndex: 'name',
      render: (_: unknown, p: Peer) => (
        <Space style={{ whiteSpace: 'nowrap' }}>
          <span data-testid="peer-name">{p.name}</span>
          <Tag>{label('Role', p.role)}</Tag>
          {p.unit_code && <Tag color="blue">{p.unit_code}</Tag>}
          {p.revoked_at && (
            <Tag color="red" data-testid="peer-revoked">
              {t('sync.revoked')}
            </Tag>
          )}
        </Space>
      ),
    },
    {
      title: t('sync.fingerprint'),
      dataIndex: 'fingerprint',
      render: (f: string) => (
        <Typography.Text code style={{ whiteSpace: 'nowrap' }}>
          {f}
        </Typography.Text>
      ),
    },
    { title: t('sync.sent'), align: 'right' as const, render: (_: unknown, p: Peer) => `${p.sent_seq} / ${p.acked_seq}` },
    { title: t('sync.received'), align: 'right' as const, dataIndex: 'recv_seq' },
    { title: t('sync.unacked'), align: 'right' as const, dataIndex: 'unacked_changes', render: (n: number) => <span data-testid="peer-unacked">{n}</span> },
    { title: t('sync.held'), align: 'right' as const, dataIndex: 'held', render: (n: number) => (n > 0 ? <Tag color="orange">{n}</Tag> : 0) },
    { title: t('sync.lastOut'), dataIndex: 'last_out', render: formatTime },
    { title: t('sync.lastIn'), dataIndex: 'last_in', render: formatTime },
    {
      title: t('sync.actions'),
      render: (_: unknown, p: Peer) => (
        <Space size={4}>
          <Button size="small" icon={<CloudUploadOutlined />} disabled={busy} onClick={() => void exportTo([p.site_id], false)} data-testid="peer-export">
            {t('sync.export')}
          </Button>
          <Button size="small" disabled={busy} onClick={() => void exportTo([p.site_id], true)}>
            {t('sync.exportFull')}
          </Button>
          {hq && p.role === 'unit' && !p.revoked_at && (
            <Button size="small" danger onClick={() => setRevoking(p)} data-testid="peer-revoke">
              {t('sync.revoke')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  const historyColumns = [
    { title: t('sync.at'), dataIndex: 'at', width: 140, render: formatTime },
    { title: t('sync.direction'), dataIndex: 'direction', width: 60, render: (d: string) => t(`sync.dir.${d}` as MessageKey) },
    { title: t('sync.peer'), dataIndex: 'peer_name', width: 140 },
    { title: t('sync.kind'), dataIndex: 'kind', width: 70, render: (k: string) => (k ? t(`sync.kind.${k}` as MessageKey) : '—') },
    { title: t('sync.seq'), dataIndex: 'seq', width: 60, align: 'right' as const, render: (s: number | null) => s ?? '—' },
    { title: t('sync.records'), dataIndex: 'records', width: 80, align: 'right' as const },
    { title: t('sync.size'), dataIndex: 'bytes', width: 90, align: 'right' as const, render: formatBytes },
    {
      title: t('sync.outcome'),
      dataIndex: 'outcome',
      width: 90,
      render: (o: BundleOutcome) => (
        <Tag color={OUTCOME_COLOR[o]} data-testid={`outcome-${o}`}>
          {label('BundleOutcome', o)}
        </Tag>
      ),
    },
    {
      title: t('sync.message'),
      render: (_: unknown, h: BundleLog) => (
        <Typography.Text type={h.outcome === 'refused' ? 'danger' : undefined}>
          {h.message || h.file}
          {h.code && <Typography.Text type="secondary"> [{h.code}]</Typography.Text>}
        </Typography.Text>
      ),
    },
  ];

  const unitPeers = status.peers.filter((p) => p.role === 'unit');
  return (
    <div className={dropping ? 'bd-dropping' : undefined}>
      <div className="bd-page-head">
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('sync.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('sync.subtitle')}</Typography.Text>
        </div>
        <Space>
          <input ref={fileRef} type="file" accept=".bdk" multiple hidden onChange={(e) => void pick(e.target.files)} data-testid="sync-file" />
          <Button icon={<ImportOutlined />} disabled={busy} onClick={() => fileRef.current?.click()} data-testid="sync-import">
            {t('sync.import')}
          </Button>
          {!hq && (
            <Button type="primary" icon={<CloudUploadOutlined />} disabled={busy || status.peers.length === 0} onClick={() => void exportTo([undefined], false)} data-testid="sync-export">
              {t('sync.export')}
            </Button>
          )}
          {hq && (
            <Button type="primary" icon={<CloudDownloadOutlined />} disabled={busy || unitPeers.length === 0} onClick={() => void exportTo(unitPeers.map((p) => p.site_id), false)} data-testid="sync-export-all">
              {t('sync.exportAll')}
            </Button>
          )}
        </Space>
      </div>

      <Alert type={dropping ? 'success' : 'info'} showIcon title={dropping ? t('sync.dropNow') : t('sync.dropHint')} style={{ marginBottom: 12 }} />
      {progress !== null && (
        <Card size="small" style={{ marginBottom: 12 }}>
          {t('sync.exporting')}
          <Progress percent={progress} data-testid="sync-progress" />
        </Card>
      )}
      {importing && <Alert type="info" showIcon title={t('sync.importing')} style={{ marginBottom: 12 }} />}
      {exported.map((r) => (
        <Alert
          key={r.file}
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          title={
            <span data-testid="sync-exported">
              {t('sync.exported', { seq: String(r.seq), records: String(r.records), size: formatBytes(r.bytes) })} <Typography.Text code copyable>{r.file}</Typography.Text>
            </span>
          }
        />
      ))}
      {importError && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={<span data-testid="sync-import-error">{importError}</span>} closable onClose={() => setImportError(null)} />}
      {imported && (
        <Alert
          type={imported.outcome === 'applied' ? 'success' : imported.outcome === 'held' ? 'warning' : 'info'}
          showIcon
          closable
          onClose={() => setImported(null)}
          style={{ marginBottom: 12 }}
          title={<span data-testid="sync-imported">{imported.message}</span>}
          description={
            imported.tables.length > 0 && (
              <Table
                size="small"
                rowKey="table"
                pagination={false}
                dataSource={imported.tables.filter((r) => r.written + r.deleted + r.kept + r.aliased > 0)}
                columns={[
                  { title: t('sync.table'), dataIndex: 'label' },
                  { title: t('sync.written'), dataIndex: 'written', align: 'right' },
                  { title: t('sync.deleted'), dataIndex: 'deleted', align: 'right' },
                  { title: t('sync.kept'), dataIndex: 'kept', align: 'right' },
                  { title: t('sync.aliased'), dataIndex: 'aliased', align: 'right' },
                ]}
              />
            )
          }
        />
      )}

      <Row gutter={12} style={{ marginBottom: 12 }}>
        <Col span={hq ? 8 : 24}>
          <Card size="small" title={<><SafetyCertificateOutlined /> {t('sync.site')}</>} style={{ height: '100%' }}>
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('sync.siteName')}>{status.site.name}</Descriptions.Item>
              <Descriptions.Item label={t('sync.role')}>{label('Role', status.site.role)}</Descriptions.Item>
              <Descriptions.Item label={t('sync.fingerprint')}>
                <Typography.Text code data-testid="site-fingerprint">{status.fingerprint}</Typography.Text>
              </Descriptions.Item>
              {!hq && <Descriptions.Item label={t('sync.unitCode')}>{status.unit_code ?? t('sync.notJoined')}</Descriptions.Item>}
            </Descriptions>
            <Typography.Text type="secondary">{t('sync.fingerprintHelp')}</Typography.Text>
            <div style={{ marginTop: 8 }}>
              <Popconfirm title={t('sync.rotateConfirm')} onConfirm={() => void rotate()}>
                <Button size="small" data-testid="sync-rotate">
                  {t('sync.rotate')}
                </Button>
              </Popconfirm>
            </div>
          </Card>
        </Col>
        {hq && (
          <Col span={8}>
            <Card size="small" title={t('sync.enrol')} style={{ height: '100%' }}>
              <Typography.Paragraph type="secondary">{t('sync.enrolHelp')}</Typography.Paragraph>
              <Space.Compact style={{ width: '100%' }}>
                <Input placeholder={t('sync.unitCode')} value={enrolCode} onChange={(e) => setEnrolCode(e.target.value)} onPressEnter={() => void enrol()} data-testid="enrol-code" />
                <Button type="primary" onClick={() => void enrol()} disabled={!enrolCode.trim()} data-testid="enrol-issue">
                  {t('sync.enrolButton')}
                </Button>
              </Space.Compact>
              {status.open_enrolments.length > 0 && (
                <div style={{ marginTop: 8 }}>
                  {t('sync.openEnrolments')} {status.open_enrolments.map((c, i) => <Tag key={`${c}-${i}`}>{c}</Tag>)}
                </div>
              )}
            </Card>
          </Col>
        )}
        {hq && (
          <Col span={8}>
            <Card size="small" title={<><NotificationOutlined /> {t('sync.announce')}</>} style={{ height: '100%' }}>
              <Form layout="vertical" size="small" onFinish={() => void publish()}>
                <Form.Item style={{ marginBottom: 6 }}>
                  <Input placeholder={t('sync.announceUnit')} value={announcement.unit} onChange={(e) => setAnnouncement({ ...announcement, unit: e.target.value })} />
                </Form.Item>
                <Form.Item style={{ marginBottom: 6 }}>
                  <Input placeholder={t('sync.announceTitle')} value={announcement.title} onChange={(e) => setAnnouncement({ ...announcement, title: e.target.value })} data-testid="announce-title" />
                </Form.Item>
                <Form.Item style={{ marginBottom: 6 }}>
                  <Input.TextArea rows={2} placeholder={t('sync.announceBody')} value={announcement.body} onChange={(e) => setAnnouncement({ ...announcement, body: e.target.value })} />
                </Form.Item>
                <Typography.Text type="secondary">{t('sync.announceHelp')}</Typography.Text>{' '}
                <Button htmlType="submit" disabled={!announcement.title.trim()} data-testid="announce-publish">
                  {t('sync.announceButton')}
                </Button>
              </Form>
            </Card>
          </Col>
        )}
      </Row>

      {hq && published.length > 0 && (
        // Each announcement with the units that have read it (their receipts come up in bundles).
        <Card size="small" title={t('sync.published')} style={{ marginBottom: 12 }}>
          <Table<Announcement>
            size="small"
            rowKey="id"
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            dataSource={published}
            data-testid="announcements"
            columns={[
              { title: t('sync.announceTitle'), dataIndex: 'title' },
              { title: t('sync.publishedAt'), width: 150, render: (_, a) => formatTime(a.published_at) },
              {
                title: t('sync.reads'),
                width: 200,
                render: (_, a) => (
                  <Tooltip title={a.reads.map((r) => `${r.unit_name} ${formatTime(r.read_at)} ${r.read_by}`).join('；') || undefined}>
                    <span data-testid={`announcement-reads-${a.id}`}>{a.reads.length > 0 ? t('sync.readBy', { n: a.reads.length, units: a.reads.map((r) => r.unit_name).join('、') }) : t('sync.readNone')}</span>
                  </Tooltip>
                ),
              },
            ]}
          />
        </Card>
      )}
      <Card size="small" title={t('sync.peers')} style={{ marginBottom: 12 }}>
        {status.peers.length === 0 ? (
          <Empty description={<span data-testid="sync-no-peers">{hq ? t('sync.noPeersHq') : t('sync.noPeersUnit')}</span>} />
        ) : (
          <Table size="small" rowKey="site_id" pagination={false} dataSource={status.peers} columns={peerColumns} data-testid="sync-peers" />
        )}
      </Card>

      {decisions.length > 0 && (
        <Card size="small" title={t('sync.decisions')} style={{ marginBottom: 12 }}>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {hq ? t('sync.decisionsHelpHq') : t('sync.decisionsHelpUnit')}
          </Typography.Paragraph>
          <Table<DecisionView>
            size="small"
            rowKey="id"
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            dataSource={decisions}
            data-testid="sync-decisions"
            columns={[
              { title: t('sync.at'), width: 150, render: (_, d) => formatTime(d.decided_at) },
              { title: t('sync.decision.kind'), width: 100, render: (_, d) => label('DecisionKind', d.kind) },
              { title: t('sync.decision.unit'), dataIndex: 'unit_name', width: 140 },
              { title: t('sync.decision.subject'), dataIndex: 'subject' },
              { title: t('sync.decision.verdict'), width: 200, render: (_, d) => <>{label('DecisionVerdict', d.verdict)}{d.comment && <Typography.Text type="secondary">：{d.comment}</Typography.Text>}</> },
              {
                title: t('sync.decision.state'),
                width: 220,
                render: (_, d) => (
                  <Space size={4} wrap>
                    <Tag color={d.state === 'waiting' ? 'purple' : d.state === 'stale' ? 'orange' : 'green'}>{label('DecisionState', d.state)}</Tag>
                    {d.note && <Typography.Text type="secondary">{d.note}</Typography.Text>}
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      )}

      <Card size="small" title={t('sync.history')}>
        {status.history.length === 0 ? (
          <Empty description={t('sync.noHistory')} />
        ) : (
          <Table size="small" rowKey="id" pagination={{ pageSize: 20, hideOnSinglePage: true }} dataSource={status.history} columns={historyColumns} data-testid="sync-history" />
        )}
      </Card>
      <Modal
        open={joining !== null}
        title={t('sync.passcodeTitle')}
        okText={t('sync.passcodeOk')}
        okButtonProps={{ disabled: passcode.trim().length < 16, id: 'passcode-ok' }}
        onOk={join}
        onCancel={() => setJoining(null)}
        destroyOnHidden
      >
        <Typography.Paragraph>{t('sync.passcodeHelp')}</Typography.Paragraph>
        <Input autoFocus value={passcode} onChange={(e) => setPasscode(e.target.value)} onPressEnter={() => passcode.trim().length >= 16 && join()} placeholder="XXXX-XXXX-XXXX-XXXX" data-testid="passcode-input" />
      </Modal>
      <Modal open={issued !== null} title={t('sync.enrolPasscodeTitle')} footer={null} onCancel={() => setIssued(null)} destroyOnHidden>
        {issued && (
          <>
            <Typography.Paragraph>{t('sync.enrolPasscode', { unit: issued.unit_code })}</Typography.Paragraph>
            <Typography.Title level={3} copyable style={{ fontFamily: 'monospace', textAlign: 'center' }} data-testid="enrol-passcode">
              {issued.passcode}
            </Typography.Title>
            <Typography.Paragraph type="secondary" data-testid="enrol-saved">
              {t('sync.enrolSaved', { path: issued.file })}
            </Typography.Paragraph>
          </>
        )}
      </Modal>
      <Modal
        open={revoking !== null}
        title={revoking ? t('sync.revokeTitle', { name: revoking.name }) : ''}
        okText={t('sync.revoke')}
        okButtonProps={{ danger: true, disabled: !reason.trim(), id: 'revoke-ok' }}
        onOk={() => void revoke()}
        onCancel={() => setRevoking(null)}
        destroyOnHidden
      >
        <Typography.Paragraph>{t('sync.revokeHelp')}</Typography.Paragraph>
        <Input value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('sync.revokeReason')} data-testid="revoke-reason" />
      </Modal>
    </div>
  );
}
