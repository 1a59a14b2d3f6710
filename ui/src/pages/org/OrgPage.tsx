// 组织架构: the chart, tables of units, positions and people, edits that take effect from a
// date, import and export.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, DatePicker, Dropdown, Input, Segmented, Space, Spin, Switch, Table, Tabs, Tag, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { Api, CommandError } from '../../api';
import type { OrgSnapshot } from '../../bindings/OrgSnapshot';
import type { OrgTree } from '../../bindings/OrgTree';
import type { OrgView } from '../../bindings/OrgView';
import type { UnitRow } from '../../bindings/UnitRow';
import type { PositionRow } from '../../bindings/PositionRow';
import type { PersonRow } from '../../bindings/PersonRow';
import { useI18n } from '../../i18n';
import { OrgChart } from './Chart';
import { ImportModal, PersonDrawer, PositionDrawer, TemplateModal, UnitDrawer } from './Forms';
import { today } from '../../clock';

export type Editing =
  | { kind: 'unit'; row?: UnitRow }
  | { kind: 'position'; row?: PositionRow }
  | { kind: 'person'; row?: PersonRow }
  | null;

const todayStr = () => today().format('YYYY-MM-DD');

export function OrgPage({ api }: { api: Api }) {
  const { t, label } = useI18n();
  const { message, modal } = App.useApp();
  const [asOf, setAsOf] = useState(todayStr());
  const [view, setView] = useState<OrgView>('units');
  const [tree, setTree] = useState<OrgTree | null>(null);
  const [snap, setSnap] = useState<OrgSnapshot | null>(null);
  const [error, setError] = useState<CommandError | null>(null);
  const [tab, setTab] = useState('chart');
  const [editing, setEditing] = useState<Editing>(null);
  const [importing, setImporting] = useState(false);
  const [templating, setTemplating] = useState(false);
  const [filter, setFilter] = useState('');
  const [showClosed, setShowClosed] = useState(false);

  const load = useCallback(() => {
    Promise.all([api.orgTree(asOf, view), api.orgSnapshot(asOf)]).then(([tr, s]) => {
      setTree(tr);
      setSnap(s);
      setError(null);
    }, setError);
  }, [api, asOf, view]);
  useEffect(load, [load]);

  const saved = () => {
    setEditing(null);
    load();
  };

  const doExport = async (csv: boolean) => {
    try {
      const paths = await api.orgExport(asOf, csv);
      modal.success({ title: t('org.exported'), content: <div data-testid="export-paths">{paths.map((p) => <div key={p}>{p}</div>)}</div> });
    } catch (e) {
      void message.error((e as CommandError).message);
    }
  };
  const doPdf = async () => {
    try {
      const path = await api.reportOrgchart(asOf);
      modal.success({ title: t('org.exported'), content: <div data-testid="export-paths">{path}</div> });
    } catch (e) {
      void message.error((e as CommandError).message);
    }
  };
  const doTemplate = async () => {
    try {
      const path = await api.orgTemplateFile();
      modal.success({ title: t('org.templateSaved'), content: path });
    } catch (e) {
      void message.error((e as CommandError).message);
    }
  };

  const q = filter.trim().toLowerCase();
  const units = useMemo(
    () => (snap?.units ?? []).filter((u) => (showClosed || !u.closed) && (!q || u.name.toLowerCase().includes(q) || u.code.toLowerCase().includes(q))),
    [snap, q, showClosed],
  );
  const positions = useMemo(
    () =>
      (snap?.positions ?? []).filter(
        (p) =>
          (showClosed || !p.closed) &&
          (!q || p.title.toLowerCase().includes(q) || p.code.toLowerCase().includes(q) || p.unit_name.includes(q) || p.holders.some((h) => h.name.includes(q))),
      ),
    [snap, q, showClosed],
  );
  const people = useMemo(
    () => (snap?.people ?? []).filter((p) => (showClosed || !p.left) && (!q || p.name.includes(q) || p.code.toLowerCase().includes(q))),
    [snap, q, showClosed],
  );

  if (error && !snap) return <Alert type="error" showIcon title={error.message} />;
  if (!snap || !tree) return <Spin />;

  const openNode = (id: string, kind: 'unit' | 'position') => {
    if (kind === 'unit') setEditing({ kind: 'unit', row: snap.units.find((u) => u.id === id) });
    else setEditing({ kind: 'position', row: snap.positions.find((p) => p.id === id) });
  };

  const filters = (
    <Space style={{ marginBottom: 8 }}>
      <Input.Search placeholder={t('org.filter')} allowClear value={filter} onChange={(e) => setFilter(e.target.value)} style={{ width: 260 }} data-testid="org-filter" />
      <Space>
        <Switch size="small" checked={showClosed} onChange={setShowClosed} />
        {t('org.showClosed')}
      </Space>
    </Space>
  );

  return (
    <>
      <div className="bd-page-head">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('org.title')}
        </Typography.Title>
        <Space wrap>
          <span>{t('org.asOf')}</span>
          <DatePicker
            allowClear={false}
            value={dayjs(asOf)}
            onChange={(d) => d && setAsOf(d.format('YYYY-MM-DD'))}
            data-testid="org-asof"
          />
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                { key: 'unit', label: <span data-testid="new-unit">{t('org.new.unit')}</span> },
                { key: 'position', label: <span data-testid="new-position">{t('org.new.position')}</span> },
                { key: 'person', label: <span data-testid="new-person">{t('org.new.person')}</span> },
                { key: 'template', label: t('org.new.template') },
              ],
              onClick: (e) => (e.key === 'template' ? setTemplating(true) : setEditing({ kind: e.key as 'unit' })),
            }}
          >
            <Button type="primary" icon={<PlusOutlined />} data-testid="org-new">
              {t('org.new')}
            </Button>
          </Dropdown>
          <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="org-import">
            {t('org.import')}
          </Button>
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                { key: 'xlsx', label: t('org.export.xlsx') },
                { key: 'csv', label: t('org.export.csv') },
                { key: 'template', label: t('org.export.template') },
                { key: 'pdf', label: <span data-testid="org-export-pdf">{t('org.export.pdf')}</span> },
              ],
              onClick: (e) => void (e.key === 'template' ? doTemplate() : e.key === 'pdf' ? doPdf() : doExport(e.key === 'csv')),
            }}
          >
            <Button icon={<DownloadOutlined />} data-testid="org-export">
              {t('org.export')}
            </Button>
          </Dropdown>
        </Space>
      </div>
      {asOf !== todayStr() && <Alert type="info" showIcon style={{ marginBottom: 8 }} title={t('org.pastNotice', { date: asOf })} />}
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'chart',
            label: <span data-testid="tab-chart">{t('org.tab.chart')}</span>,
            children: (
              <>
                <Segmented
                  style={{ marginBottom: 8 }}
                  value={view}
                  onChange={(v) => setView(v as OrgView)}
                  options={[
                    { value: 'units', label: <span data-testid="view-units">{t('org.view.units')}</span> },
                    { value: 'reporting', label: <span data-testid="view-reporting">{t('org.view.reporting')}</span> },
                  ]}
                />
                {tree.nodes.length === 0 ? (
                  <Alert type="info" showIcon title={t('org.empty')} />
                ) : (
                  <OrgChart key={`${view}-${asOf}`} nodes={tree.nodes} onOpen={(n) => openNode(n.id, n.kind)} />
                )}
              </>
            ),
          },
          {
            key: 'units',
            label: <span data-testid="tab-units">{t('org.tab.units', { n: snap.units.filter((u) => !u.closed).length })}</span>,
            children: (
              <>
                {filters}
                <div data-testid="units-table">
                <Table<UnitRow>
                  rowKey="id"
                  size="small"
                  dataSource={units}
                  pagination={false}
                  virtual
                  scroll={{ y: 560, x: 1100 }}
                  onRow={(r) => ({ onClick: () => setEditing({ kind: 'unit', row: r }), style: { cursor: 'pointer' } })}
                  locale={{ emptyText: t('org.empty') }}
                  columns={[
                    { title: t('org.f.code'), dataIndex: 'code', width: 120, fixed: 'left', sorter: (a, b) => a.code.localeCompare(b.code) },
                    { title: t('org.f.name'), dataIndex: 'name', width: 180, render: (v: string, r) => (r.closed ? <><s>{v}</s> <Tag>{t('org.closed')}</Tag></> : v) },
                    { title: t('org.f.kind'), dataIndex: 'kind', width: 90, render: (v: string) => label('UnitKind', v) },
                    { title: t('org.f.parent'), dataIndex: 'parent_name', width: 160 },
                    { title: t('org.f.controlMode'), dataIndex: 'control_mode', width: 110, render: (v: string | null) => (v ? label('ControlMode', v) : '') },
                    { title: t('org.f.ownership'), dataIndex: 'ownership', width: 70, render: (v: string | null) => (v ? label('Ownership', v) : '') },
                    { title: t('org.f.econ'), dataIndex: 'econ_assessed', width: 120, render: (v: boolean) => (v ? t('org.yes') : '') },
                    { title: t('org.f.positions'), dataIndex: 'positions', width: 70, align: 'right', sorter: (a, b) => a.positions - b.positions },
                    { title: t('org.f.headcount'), dataIndex: 'headcount', width: 70, align: 'right', sorter: (a, b) => a.headcount - b.headcount },
                  ]}
                />
                </div>
              </>
            ),
          },
          {
            key: 'positions',
            label: <span data-testid="tab-positions">{t('org.tab.positions', { n: snap.positions.filter((p) => !p.closed).length })}</span>,
            children: (
              <>
                {filters}
                <div data-testid="positions-table">
                <Table<PositionRow>
                  rowKey="id"
                  size="small"
                  dataSource={positions}
                  pagination={false}
                  virtual
                  scroll={{ y: 560, x: 1000 }}
                  onRow={(r) => ({ onClick: () => setEditing({ kind: 'position', row: r }), style: { cursor: 'pointer' } })}
                  locale={{ emptyText: t('org.empty') }}
                  columns={[
                    { title: t('org.f.code'), dataIndex: 'code', width: 130, fixed: 'left', sorter: (a, b) => a.code.localeCompare(b.code) },
                    { title: t('org.f.title'), dataIndex: 'title', width: 150 },
                    { title: t('org.f.unit'), dataIndex: 'unit_name', width: 150 },
                    { title: t('org.f.superior'), dataIndex: 'superior_title', width: 130 },
                    {
                      title: t('org.f.holders'),
                      key: 'holders',
                      width: 180,
                      render: (_, r) =>
                        r.holders.length ? r.holders.map((h) => (h.kind === 'primary' ? h.name : `${h.name}（${label('AssignmentKind', h.kind)}）`)).join('、') : <Tag color="orange">{label('PositionStatus', 'vacant')}</Tag>,
                    },
                    { title: t('org.f.status'), dataIndex: 'status', width: 90, render: (v: string, r) => (r.closed ? <Tag>{t('org.closed')}</Tag> : label('PositionStatus', v)) },
                  ]}
                />
                </div>
              </>
            ),
          },
          {
            key: 'people',
            label: <span data-testid="tab-people">{t('org.tab.people', { n: snap.people.filter((p) => !p.left).length })}</span>,
            children: (
              <>
                {filters}
                <div data-testid="people-table">
                <Table<PersonRow>
                  rowKey="id"
                  size="small"
                  dataSource={people}
                  pagination={false}
                  virtual
                  scroll={{ y: 560, x: 800 }}
                  onRow={(r) => ({ onClick: () => setEditing({ kind: 'person', row: r }), style: { cursor: 'pointer' } })}
                  locale={{ emptyText: t('org.empty') }}
                  columns={[
                    { title: t('org.f.staffNo'), dataIndex: 'code', width: 110, fixed: 'left', sorter: (a, b) => a.code.localeCompare(b.code) },
                    { title: t('org.f.personName'), dataIndex: 'name', width: 110 },
                    {
                      title: t('org.f.posts'),
                      key: 'posts',
                      width: 300,
                      render: (_, r) =>
                        r.posts
                          .filter((p) => p.current)
                          .map((p) => `${p.unit_name} ${p.title}${p.kind === 'primary' ? '' : `（${label('AssignmentKind', p.kind)}）`}`)
                          .join('；'),
                    },
                    { title: t('org.f.state'), key: 'left', width: 120, render: (_, r) => (r.left ? <Tag>{t('org.left', { date: r.left_on ?? '' })}</Tag> : t('org.active')) },
                  ]}
                />
                </div>
              </>
            ),
          },
        ]}
      />
      {editing?.kind === 'unit' && <UnitDrawer api={api} snap={snap} row={editing.row} asOf={asOf} onClose={() => setEditing(null)} onSaved={saved} />}
      {editing?.kind === 'position' && (
        <PositionDrawer api={api} snap={snap} row={editing.row} asOf={asOf} onClose={() => setEditing(null)} onSaved={saved} />
      )}
      {editing?.kind === 'person' && <PersonDrawer api={api} snap={snap} row={editing.row} asOf={asOf} onClose={() => setEditing(null)} onSaved={saved} />}
      {importing && (
        <ImportModal
          api={api}
          onClose={() => setImporting(false)}
          onDone={() => {
            setImporting(false);
            load();
          }}
        />
      )}
      {templating && (
        <TemplateModal
          api={api}
          snap={snap}
          onClose={() => setTemplating(false)}
          onDone={() => {
            setTemplating(false);
            load();
          }}
        />
      )}
    </>
  );
}
