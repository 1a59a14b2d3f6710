import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App as AntApp, ConfigProvider, Input, Layout, List, Menu, Modal, Result, Segmented, Space, Spin, Tag, Button, Typography } from 'antd';
import type { InputRef } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  FileTextOutlined,
  FormOutlined,
  HomeOutlined,
  ProfileOutlined,
  RiseOutlined,
  SettingOutlined,
  SyncOutlined,
  LockOutlined,
  LogoutOutlined,
} from '@ant-design/icons';
import type { Api } from './api';
import { CommandError, setPasswordPrompt } from './api';
import type { DoorView } from './bindings/DoorView';
import { SignInPage } from './pages/users/SignInPage';
import type { Lang } from './bindings/Lang';
import type { Settings } from './bindings/Settings';
import type { Dashboard } from './bindings/Dashboard';
import { I18nContext, i18nFor, type MessageKey } from './i18n';
import { formatPeriod, formatTime } from './format';
import { HomePage } from './pages/site/HomePage';
import { setSiteToday } from './clock';
import { hasUnsaved } from './unsaved';
import { SettingsPage } from './pages/site/SettingsPage';
import { SyncPage } from './pages/sync/SyncPage';
import type { Announcement } from './bindings/Announcement';
import { KpiPage } from './pages/kpi/KpiPage';
import { OrgPage } from './pages/org/OrgPage';
import { ReportsPage } from './pages/reports/ReportsPage';
import { MinutesPage } from './pages/minutes/MinutesPage';
import { PlansPage } from './pages/plans/PlansPage';
import { DocsPage } from './pages/docs/DocsPage';
import { LevelsPage } from './pages/levels/LevelsPage';
import { SearchResults } from './components/SearchResults';
import type { SearchResult } from './bindings/SearchResult';

export const PAGES = ['home', 'org', 'plans', 'minutes', 'docs', 'kpi', 'levels', 'reports', 'sync', 'settings'] as const;
export type Page = (typeof PAGES)[number];

const ICONS: Record<Page, React.ReactNode> = {
  home: <HomeOutlined />,
  org: <ApartmentOutlined />,
  plans: <ProfileOutlined />,
  minutes: <FormOutlined />,
  docs: <FileTextOutlined />,
  kpi: <AuditOutlined />,
  levels: <RiseOutlined />,
  reports: <BarChartOutlined />,
  sync: <SyncOutlined />,
  settings: <SettingOutlined />,
};

/** "孙倩（文书）": the person signed in and their posts. */
function actorLabel(a: NonNullable<DoorView['actor']>): string {
  const posts = a.posts.map((p) => p.title).join('、');
  return posts ? `${a.name}（${posts}）` : a.name;
}

function pageFromHash(): Page {
  const h = window.location.hash.replace(/^#\/?/, '');
  return (PAGES as readonly string[]).includes(h) ? (h as Page) : 'home';
}

export function App({ api }: { api: Api }) {
  const [door, setDoor] = useState<DoorView | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [confirming, setConfirming] = useState<((pw: string | null) => void) | null>(null);
  const [confirmPw, setConfirmPw] = useState('');
  const [startError, setStartError] = useState<CommandError | null>(null);
  const [page, setPage] = useState<Page>(pageFromHash);
  const [collapsed, setCollapsed] = useState(false);
  const searchRef = useRef<InputRef>(null);
  const [search, setSearch] = useState<{ q: string; results: SearchResult[] | null } | null>(null);
  const [focus, setFocus] = useState<{ page: Page; id: string } | null>(null);
  const [lastSync, setLastSync] = useState<{ out: string | null; in: string | null }>({ out: null, in: null });
  const [unseen, setUnseen] = useState<Announcement[]>([]);

  // Default dates in every page come from the database's day (a demo carries its own).
  setSiteToday(settings?.site_today);
  const lang: Lang = settings?.language ?? 'zh-CN';
  const i18n = useMemo(() => i18nFor(lang), [lang]);
  const { t, label } = i18n;

  // The home page's figures, asked for as soon as the door opens, beside the settings: the
  // shell renders while they are on their way (sign-in to home in one round trip's time).
  const homeData = useRef<Promise<Dashboard> | null>(null);
  const opened = useCallback(
    (d: DoorView) => {
      setDoor(d);
      if (!d.actor) {
        setSettings(null);
        return;
      }
      homeData.current = api.dashboard();
      api.settings().then(
        (s) => {
          performance.mark('app:settings');
          setSettings(s);
          // Today's automatic backup, once the home page has painted.
          window.setTimeout(() => void api.backupAuto().catch(() => undefined), 5000);
        },
        (e: CommandError) => setStartError(e),
      );
    },
    [api],
  );
  const load = useCallback(() => {
    setStartError(null);
    api.door().then(opened, (e: CommandError) => setStartError(e));
  }, [api, opened]);
  const takeHomeData = useCallback(() => {
    const p = homeData.current;
    homeData.current = null;
    return p ?? api.dashboard();
  }, [api]);
  useEffect(load, [load]);
  const signedIn = !!door?.actor;

  const lock = useCallback(() => {
    void api.lock().then((d) => {
      setSettings(null);
      setDoor(d);
    });
  }, [api]);
  const signOut = () => {
    void api.signOut().then((d) => {
      setSettings(null);
      setDoor(d);
    });
  };

  // Locks after the settings' idle minutes without a key press, click or scroll, and on Ctrl+L.
  const idleMs = (settings?.lock_minutes ?? 15) * 60_000;
  useEffect(() => {
    if (!signedIn) return;
    let timer = window.setTimeout(lock, idleMs);
    const active = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(lock, idleMs);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey && e.key.toLowerCase() === 'l') {
        e.preventDefault();
        lock();
      }
    };
    const events = ['keydown', 'mousedown', 'wheel'] as const;
    for (const ev of events) window.addEventListener(ev, active);
    window.addEventListener('keydown', onKey);
    return () => {
      window.clearTimeout(timer);
      for (const ev of events) window.removeEventListener(ev, active);
      window.removeEventListener('keydown', onKey);
    };
  }, [signedIn, lock, idleMs]);

  // Signing acts ask for the password again, in a modal of this window.
  useEffect(() => {
    setPasswordPrompt(
      () =>
        new Promise<string | null>((resolve) => {
          setConfirmPw('');
          setConfirming(() => resolve);
        }),
    );
    return () => setPasswordPrompt(null);
  }, []);
  const answerConfirm = (pw: string | null) => {
    confirming?.(pw);
    setConfirming(null);
    setConfirmPw('');
  };

  // The top bar's sync state: the latest bundle out and in over all peers.
  const loadSync = useCallback(() => {
    api.syncStatus().then(
      (s) => {
        const latest = (xs: (string | null)[]) => xs.filter((x): x is string => !!x).sort().pop() ?? null;
        setLastSync({ out: latest(s.peers.map((p) => p.last_out)), in: latest(s.peers.map((p) => p.last_in)) });
      },
      () => undefined,
    );
  }, [api]);
  // Announcements from headquarters pop up at start (seed 003 篇2), and after an import.
  const loadAnnouncements = useCallback(() => {
    api.announcements().then((list) => setUnseen(list.filter((a) => !a.seen)), () => undefined);
  }, [api]);
  useEffect(() => {
    if (!settings) return;
    loadSync();
    loadAnnouncements();
  }, [settings !== null, loadSync, loadAnnouncements]); // eslint-disable-line react-hooks/exhaustive-deps
  const dismissAnnouncements = () => {
    for (const a of unseen) void api.announcementSeen(a.id).catch(() => undefined);
    setUnseen([]);
  };

  useEffect(() => {
    dayjs.locale(lang === 'zh-CN' ? 'zh-cn' : 'en');
    document.documentElement.lang = lang;
    document.title = lang === 'zh-CN' ? 'Branchdesk 分支管理台' : 'Branchdesk';
  }, [lang]);

  useEffect(() => {
    const onHash = () => setPage(pageFromHash());
    const onKey = (e: KeyboardEvent) => {
      const typing = e.target instanceof HTMLElement && /^(INPUT|TEXTAREA)$/.test(e.target.tagName);
      if ((e.ctrlKey && e.key.toLowerCase() === 'k') || (e.key === '/' && !typing)) {
        e.preventDefault();
        searchRef.current?.focus();
      }
    };
    window.addEventListener('hashchange', onHash);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('hashchange', onHash);
      window.removeEventListener('keydown', onKey);
    };
  }, []);

  // Leaving a page with unsaved input asks first (the KPI grid, an open drawer's form).
  const go = (p: Page) => {
    const leave = () => {
      window.location.hash = `/${p}`;
      setPage(p);
    };
    if (!hasUnsaved() || p === page) {
      leave();
      return;
    }
    Modal.confirm({
      title: t('unsaved.title'),
      content: t('unsaved.body'),
      okText: t('unsaved.discard'),
      cancelText: t('unsaved.keep'),
      okButtonProps: { danger: true },
      onOk: leave,
    });
  };

  const runSearch = (q: string) => {
    if (!q.trim()) return;
    setSearch({ q, results: null });
    api.search(q).then(
      (results) => setSearch({ q, results }),
      () => setSearch({ q, results: [] }),
    );
  };
  const openResult = (r: SearchResult) => {
    setSearch(null);
    if (r.kind === 'incoming' || r.kind === 'outgoing') {
      // The document itself: an outgoing one's drawer, an incoming one highlighted in its tab.
      setFocus({ page: 'docs', id: r.ref_id });
      go('docs');
    } else if (r.kind === 'plan') {
      setFocus({ page: 'plans', id: r.ref_id });
      go('plans');
    } else if (r.meeting_id) {
      setFocus({ page: 'minutes', id: r.meeting_id });
      go('minutes');
    }
  };

  const switchLanguage = async (next: Lang) => {
    setSettings(await api.updateSettings({ language: next }));
  };

  const antLocale = lang === 'zh-CN' ? zhCN : enUS;

  let body: React.ReactNode;
  if (startError) {
    body = (
      <Result
        status="error"
        title={t('app.startFailed')}
        subTitle={<span data-testid="start-error">{startError.message}</span>}
        extra={<Button onClick={load}>{t('app.retry')}</Button>}
      />
    );
  } else if (door && !door.actor) {
    body = <SignInPage api={api} door={door} onOpen={opened} />;
  } else if (!settings) {
    body = <Spin description={t('app.loading')} fullscreen />;
  } else {
    body = (
      <Layout style={{ height: '100vh' }}>
        <Layout.Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={168} breakpoint="lg">
          <div className="bd-logo">
            <img src="./icon.png" alt="" width={24} height={24} />
            {!collapsed && <span>{t('app.title')}</span>}
          </div>
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={[page]}
            onClick={(e) => go(e.key as Page)}
            items={PAGES.map((p) => ({
              key: p,
              icon: ICONS[p],
              label: <span data-testid={`nav-${p}`}>{t(`nav.${p}` as MessageKey)}</span>,
            }))}
          />
        </Layout.Sider>
        <Layout>
          <Layout.Header className="bd-header" style={{ background: '#fff' }}>
            <Space size="middle" style={{ flex: "1 1 auto", minWidth: 0 }} className="bd-header-title">
              <strong data-testid="site-name" className="bd-nowrap bd-site-name" title={settings.site.name}>
                {settings.site.name}
              </strong>
              <Tag color={settings.site.role === 'hq' ? 'gold' : 'blue'} data-testid="site-role">
                {label('Role', settings.site.role)}
              </Tag>
              <span className="bd-nowrap">
                <span className="bd-wider-only">{t('top.period')}</span>
                <span data-testid="current-period">{formatPeriod(settings.current_period, lang)}</span>
              </span>
            </Space>
            <Input.Search
              ref={searchRef}
              placeholder={t('top.search')}
              className="bd-search"
              allowClear
              onSearch={runSearch}
              data-testid="global-search"
            />
            <Tag icon={<SyncOutlined />} style={{ cursor: 'pointer' }} onClick={() => go('sync')} data-testid="sync-state" className="bd-nowrap bd-wide-only">
              {lastSync.out || lastSync.in
                ? [lastSync.out && t('top.syncOut', { date: formatTime(lastSync.out).slice(0, 10) }), lastSync.in && t('top.syncIn', { date: formatTime(lastSync.in).slice(0, 10) })]
                    .filter(Boolean)
                    .join(' · ')
                : t('top.syncNever')}
            </Tag>
            <Tag data-testid="signed-in-as" className="bd-nowrap bd-signed-in">{door?.actor ? actorLabel(door.actor) : ''}</Tag>
            <Button size="small" icon={<LockOutlined />} title={t('top.lock')} aria-label={t('top.lock')} onClick={lock} data-testid="lock" />
            <Button size="small" icon={<LogoutOutlined />} title={t('top.signOut')} aria-label={t('top.signOut')} onClick={signOut} data-testid="sign-out" />
            <Segmented
              aria-label={t('top.language')}
              data-testid="lang-switch"
              value={lang}
              onChange={(v) => void switchLanguage(v as Lang)}
              options={[
                { label: '中文', value: 'zh-CN' },
                { label: 'English', value: 'en-US' },
              ]}
            />
          </Layout.Header>
          <Layout.Content className="bd-content">
            {settings.site_today && (
              <Alert
                banner
                type="info"
                data-testid="site-today"
                style={{ marginBottom: 12 }}
                title={
                  <span>
                    {t('top.siteToday', { date: settings.site_today })}
                    <Button type="link" size="small" onClick={() => go('settings')}>
                      {t('top.siteTodayChange')}
                    </Button>
                  </span>
                }
              />
            )}
            {page === 'home' && (
              <HomePage
                api={api}
                load={takeHomeData}
                onOpen={(p, id) => {
                  if (id) setFocus({ page: p as Page, id });
                  go(p as Page);
                }}
              />
            )}
            {page === 'settings' && <SettingsPage api={api} settings={settings} onSaved={setSettings} actor={door?.actor ?? null} onRestored={load} />}
            {page === 'kpi' && <KpiPage api={api} currentPeriod={settings.current_period} openTab={focus?.page === 'kpi' ? focus.id : undefined} />}
            {page === 'org' && <OrgPage api={api} />}
            {page === 'levels' && <LevelsPage api={api} />}
            {page === 'reports' && <ReportsPage api={api} currentPeriod={settings.current_period} />}
            {page === 'minutes' && (
              <MinutesPage api={api} currentPeriod={settings.current_period} openId={focus?.page === 'minutes' ? focus.id : undefined} />
            )}
            {page === 'plans' && <PlansPage api={api} openId={focus?.page === 'plans' ? focus.id : undefined} />}
            {page === 'docs' && <DocsPage api={api} openId={focus?.page === 'docs' ? focus.id : undefined} />}
            {page === 'sync' && (
              <SyncPage
                api={api}
                onChanged={() => {
                  loadSync();
                  loadAnnouncements();
                }}
              />
            )}
            <Modal
              open={unseen.length > 0}
              destroyOnHidden
              title={t('announce.title')}
              onOk={dismissAnnouncements}
              onCancel={dismissAnnouncements}
              okText={t('announce.ok')}
              cancelButtonProps={{ style: { display: 'none' } }}
            >
              <List
                data-testid="announcements"
                dataSource={unseen}
                renderItem={(a) => (
                  <List.Item>
                    <List.Item.Meta
                      title={<span data-testid="announcement-title">{a.title}</span>}
                      description={
                        <>
                          <Typography.Paragraph style={{ marginBottom: 4 }}>{a.body}</Typography.Paragraph>
                          <Typography.Text type="secondary">{t('announce.from', { by: a.by, at: formatTime(a.published_at) })}</Typography.Text>
                        </>
                      }
                    />
                  </List.Item>
                )}
              />
            </Modal>
            <Modal
              open={confirming !== null}
              destroyOnHidden
              title={t('confirm.title')}
              okText={t('confirm.ok')}
              okButtonProps={{ id: 'confirm-ok', disabled: !confirmPw }}
              onOk={() => answerConfirm(confirmPw)}
              onCancel={() => answerConfirm(null)}
            >
              <Typography.Paragraph>{t('confirm.hint')}</Typography.Paragraph>
              <Input.Password
                autoFocus
                value={confirmPw}
                onChange={(e) => setConfirmPw(e.target.value)}
                onPressEnter={() => confirmPw && answerConfirm(confirmPw)}
                data-testid="confirm-password"
              />
            </Modal>
            {search && <SearchResults query={search.q} results={search.results} onOpen={openResult} onClose={() => setSearch(null)} />}
          </Layout.Content>
        </Layout>
      </Layout>
    );
  }

  return (
    <ConfigProvider locale={antLocale} theme={{ token: { borderRadius: 4 } }} componentSize="middle">
      {/* Toasts below the top bar, never more than three stacked. */}
      <AntApp message={{ maxCount: 3, top: 56 }}>
        <I18nContext.Provider value={i18n}>{body}</I18nContext.Provider>
      </AntApp>
    </ConfigProvider>
  );
}
