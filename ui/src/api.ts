// The only module that talks to Tauri. Everything else imports `api` from here, so the UI can
// be tested with a fake and the IPC surface is visible in one place.
import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import { getCurrentWebview } from '@tauri-apps/api/webview';
import type { SyncStatus } from './bindings/SyncStatus';
import type { ExportReport } from './bindings/ExportReport';
import type { Enrolment } from './bindings/Enrolment';
import type { ImportReport } from './bindings/ImportReport';
import type { Announcement } from './bindings/Announcement';
import type { DecisionView } from './bindings/DecisionView';
import type { ApiError } from './bindings/ApiError';
import type { Dashboard } from './bindings/Dashboard';
import type { SpecialistsView } from './bindings/SpecialistsView';
import type { LevelsReport } from './bindings/LevelsReport';
import type { ContentView } from './bindings/ContentView';
import type { CalendarView } from './bindings/CalendarView';
import type { DocFile } from './bindings/DocFile';
import type { DistributeInput } from './bindings/DistributeInput';
import type { InboxLine } from './bindings/InboxLine';
import type { RecipientView } from './bindings/RecipientView';
import type { DocContent } from './bindings/DocContent';
import type { DocForm } from './bindings/DocForm';
import type { FollowupDecision } from './bindings/FollowupDecision';
import type { FollowupInput } from './bindings/FollowupInput';
import type { FollowupReport } from './bindings/FollowupReport';
import type { FollowupView } from './bindings/FollowupView';
import type { FollowupsView } from './bindings/FollowupsView';
import type { Board } from './bindings/Board';
import type { Info } from './bindings/Info';
import type { Settings } from './bindings/Settings';
import type { BackupFile } from './bindings/BackupFile';
import type { BackupList } from './bindings/BackupList';
import type { Restored } from './bindings/Restored';
import type { Retention } from './bindings/Retention';
import type { SettingsUpdate } from './bindings/SettingsUpdate';
import type { SchemeSummary } from './bindings/SchemeSummary';
import type { KpiScoreView } from './bindings/KpiScoreView';
import type { EntryGrid } from './bindings/EntryGrid';
import type { CellInput } from './bindings/CellInput';
import type { CellError } from './bindings/CellError';
import type { SaveReport } from './bindings/SaveReport';
import type { KpiTrend } from './bindings/KpiTrend';
import type { FigureChange } from './bindings/FigureChange';
import type { PeriodStatus } from './bindings/PeriodStatus';
import type { PayoutRegister } from './bindings/PayoutRegister';
import type { Payout } from './bindings/Payout';
import type { ResultsView } from './bindings/ResultsView';
import type { ResultView } from './bindings/ResultView';
import type { AnswerInput } from './bindings/AnswerInput';
import type { RulingInput } from './bindings/RulingInput';
import type { ProblemView } from './bindings/ProblemView';
import type { OrgSnapshot } from './bindings/OrgSnapshot';
import type { OrgTree } from './bindings/OrgTree';
import type { OrgView } from './bindings/OrgView';
import type { UnitInput } from './bindings/UnitInput';
import type { PositionInput } from './bindings/PositionInput';
import type { PersonInput } from './bindings/PersonInput';
import type { AssignInput } from './bindings/AssignInput';
import type { TemplateInput } from './bindings/TemplateInput';
import type { Unit } from './bindings/Unit';
import type { Position } from './bindings/Position';
import type { Person } from './bindings/Person';
import type { Assignment } from './bindings/Assignment';
import type { OrgChange } from './bindings/OrgChange';
import type { OrgTemplateInfo } from './bindings/OrgTemplateInfo';
import type { OrgImportReport } from './bindings/OrgImportReport';
import type { MeetingRow } from './bindings/MeetingRow';
import type { MinutesView } from './bindings/MinutesView';
import type { MinutesInput } from './bindings/MinutesInput';
import type { ActionView } from './bindings/ActionView';
import type { ActionFilter } from './bindings/ActionFilter';
import type { ActionUpdate } from './bindings/ActionUpdate';
import type { ActionChange } from './bindings/ActionChange';
import type { SubmissionView } from './bindings/SubmissionView';
import type { SubmissionInput } from './bindings/SubmissionInput';
import type { Verdict } from './bindings/Verdict';
import type { MeetingKind } from './bindings/MeetingKind';
import type { PlanRow } from './bindings/PlanRow';
import type { PlanInput } from './bindings/PlanInput';
import type { PlanAction } from './bindings/PlanAction';
import type { PlanChange } from './bindings/PlanChange';
import type { AdjustInput } from './bindings/AdjustInput';
import type { Adjustment } from './bindings/Adjustment';
import type { WorkSummary } from './bindings/WorkSummary';
import type { SearchResult } from './bindings/SearchResult';
import type { DocCategory } from './bindings/DocCategory';
import type { Reserved } from './bindings/Reserved';
import type { OutgoingDoc } from './bindings/OutgoingDoc';
import type { OutgoingInput } from './bindings/OutgoingInput';
import type { IncomingRow } from './bindings/IncomingRow';
import type { IncomingInput } from './bindings/IncomingInput';
import type { OutgoingDetail } from './bindings/OutgoingDetail';
import type { DispatchInput } from './bindings/DispatchInput';
import type { DoorView } from './bindings/DoorView';
import type { NewAccount } from './bindings/NewAccount';
import type { Account } from './bindings/Account';
import type { AccountLogLine } from './bindings/AccountLogLine';
import type { Actor } from './bindings/Actor';

/** A failed command: a stable code for programs and a message in the user's language. */
export class CommandError extends Error {
  readonly code: string;
  readonly field?: string;
  readonly cells?: CellError[];
  readonly problems?: ProblemView[];
  constructor(e: ApiError) {
    super(e.message);
    this.code = e.code;
    this.field = e.field;
    this.cells = e.cells;
    this.problems = e.problems;
  }
}

function isApiError(e: unknown): e is ApiError {
  return typeof e === 'object' && e !== null && 'code' in e && 'message' in e;
}

async function raw<T>(cmd: string, args?: Record<string, unknown> | Uint8Array, headers?: Record<string, string>): Promise<T> {
  try {
    return await invoke<T>(cmd, args, headers && { headers });
  } catch (e) {
    if (isApiError(e)) throw new CommandError(e);
    throw new CommandError({ code: 'app.ipc', message: String(e) });
  }
}

/** Asks the person for their password again (a signing act); `null` when they cancel. */
export type PasswordPrompt = () => Promise<string | null>;
let askPassword: PasswordPrompt | null = null;
/** The window registers how it asks for the password before a signing act. */
export function setPasswordPrompt(prompt: PasswordPrompt | null) {
  askPassword = prompt;
}

/** Runs a command; a signing act (签发, approvals, finalising minutes) that needs the password
 * again asks for it, confirms it and runs the act once more. */
/** A file picked in the window. */
export type PickedFile = { name: string; bytes: Uint8Array };

/** Several picked files as one raw body with their names and sizes in headers (see the shell's
 * `picked_files`). */
function packFiles(files: PickedFile[]): [Uint8Array, Record<string, string>] {
  const body = new Uint8Array(files.reduce((n, f) => n + f.bytes.length, 0));
  let at = 0;
  for (const f of files) {
    body.set(f.bytes, at);
    at += f.bytes.length;
  }
  return [
    body,
    {
      'x-file-names': files.map((f) => encodeURIComponent(f.name)).join('/'),
      'x-file-sizes': files.map((f) => f.bytes.length).join(','),
    },
  ];
}

async function call<T>(cmd: string, args?: Record<string, unknown> | Uint8Array, headers?: Record<string, string>): Promise<T> {
  try {
    return await raw<T>(cmd, args, headers);
  } catch (e) {
    if (!(e instanceof CommandError) || e.code !== 'auth.confirm_needed' || !askPassword) throw e;
    for (;;) {
      const password = await askPassword();
      if (password === null) throw e;
      try {
        await raw<null>('confirm', { password });
        break;
      } catch (again) {
        if (!(again instanceof CommandError) || again.code !== 'auth.bad_password') throw again;
      }
    }
    return raw<T>(cmd, args, headers);
  }
}

export const api = {
  door: () => call<DoorView>('door_state'),
  signIn: (login: string, password: string) => call<DoorView>('sign_in', { login, password }),
  /** Encrypts a plain database with its first administrator; returns the recovery key. */
  setUp: (admin: NewAccount) => call<string>('set_up', { admin }),
  recover: (recovery: string, login: string, password: string) => call<DoorView>('recover', { recovery, login, password }),
  lock: () => call<DoorView>('lock'),
  signOut: () => call<DoorView>('sign_out'),
  confirm: (password: string) => call<null>('confirm', { password }),
  whoami: () => call<Actor | null>('whoami'),
  /** Writes the diagnostics zip into the download folder; returns its path. */
  diagnosticsExport: () => call<string>('diagnostics_export'),
  backupList: () => call<BackupList>('backup_list'),
  backupNow: () => call<BackupFile>('backup_now'),
  /** Today's automatic backup, unless there is one. */
  backupAuto: () => call<BackupFile | null>('backup_auto'),
  backupExport: () => call<BackupFile>('backup_export'),
  backupRetention: (retention: Retention) => call<Retention>('backup_retention', { retention }),
  backupInspect: (path: string) => call<BackupFile>('backup_inspect', { path }),
  /** Replaces the database with a backup; the window is signed out afterwards. */
  backupRestore: (path: string, password: string) => call<Restored>('backup_restore', { path, password }),
  usersList: () => call<Account[]>('users_list'),
  usersAdd: (input: NewAccount) => call<Account>('users_add', { input }),
  usersDisable: (login: string, disable: boolean) => call<Account>('users_disable', { login, disable }),
  usersReset: (login: string, password: string) => call<Account>('users_reset', { login, password }),
  usersChangePassword: (old: string, next: string) => call<null>('users_change_password', { old, new: next }),
  usersLog: (limit: number) => call<AccountLogLine[]>('users_log', { limit }),
  dashboard: () => call<Dashboard>('dashboard'),
  board: (asOf?: string) => call<Board>('board', { asOf }),
  boardExport: (asOf?: string) => call<string>('board_export', { asOf }),
  boardFollowups: () => call<FollowupsView>('board_followups'),
  boardFollowupRaise: (followup: FollowupInput) => call<FollowupView>('board_followup_raise', { followup }),
  boardFollowupReport: (report: FollowupReport) => call<FollowupView>('board_followup_report', { report }),
  boardFollowupDecide: (decision: FollowupDecision) => call<FollowupView>('board_followup_decide', { decision }),
  reportAnalysis: (period: string) => call<string>('report_analysis', { period }),
  info: () => call<Info>('info'),
  settings: () => call<Settings>('settings'),
  updateSettings: (update: SettingsUpdate) => call<Settings>('update_settings', { update }),
  kpiSchemes: () => call<SchemeSummary[]>('kpi_schemes'),
  kpiScore: (period: string, cumulative: boolean, schemeId?: string) =>
    call<KpiScoreView>('kpi_score', { schemeId, period, cumulative }),
  kpiEntry: (period: string, schemeId?: string) => call<EntryGrid>('kpi_entry', { schemeId, period }),
  kpiSave: (period: string, cells: CellInput[], schemeId?: string) =>
    call<SaveReport>('kpi_save', { schemeId, period, cells }),
  kpiTemplates: () => call<SchemeSummary[]>('kpi_templates'),
  kpiAddTemplate: (id: string) => call<SchemeSummary>('kpi_add_template', { id }),
  // A file's bytes go as the raw request body (not a JSON array of numbers), its name in a header.
  kpiImport: (name: string, bytes: Uint8Array) => call<SaveReport>('kpi_import', bytes, { 'x-file-name': encodeURIComponent(name) }),
  kpiTrend: (unit: string, schemeId?: string) => call<KpiTrend>('kpi_trend', { schemeId, unit }),
  kpiHistory: (unit: string, period: string, metric: string) =>
    call<FigureChange[]>('kpi_history', { unit, period, metric }),
  kpiStatus: (period: string, schemeId?: string) => call<PeriodStatus>('kpi_status', { schemeId, period }),
  kpiPublish: (period: string, reason: string, schemeId?: string) =>
    call<PeriodStatus>('kpi_publish', { schemeId, period, reason }),
  kpiLock: (period: string, schemeId?: string) => call<PeriodStatus>('kpi_lock', { schemeId, period }),
  kpiReopen: (period: string, reason: string, schemeId?: string) =>
    call<PeriodStatus>('kpi_reopen', { schemeId, period, reason }),
  kpiPayouts: (period?: string) => call<PayoutRegister>('kpi_payouts', { period }),
  kpiPay: (id: number, on?: string) => call<Payout>('kpi_pay', { id, on }),
  kpiPayoutsExport: (period?: string) => call<string>('kpi_payouts_export', { period }),
  kpiResults: (period?: string) => call<ResultsView>('kpi_results', { period }),
  kpiSpecialists: (period: string, schemeId?: string) => call<SpecialistsView>('kpi_specialists', { period, schemeId }),
  kpiAnswer: (answer: AnswerInput) => call<ResultView>('kpi_answer', { answer }),
  kpiRule: (ruling: RulingInput) => call<ResultView>('kpi_rule', { ruling }),
  /** An appeal with its evidence files, in one request (all kept or none). */
  kpiAppeal: (answer: AnswerInput, files: PickedFile[]) => {
    const [body, headers] = packFiles(files);
    return call<ResultView>('kpi_appeal', body, { ...headers, 'x-answer': encodeURIComponent(JSON.stringify(answer)) });
  },
  /** Runs a level table and the people's figures (files picked in the window) month by month. */
  levelsRun: (table: PickedFile, data: PickedFile, from: string, to: string) => {
    const [body, headers] = packFiles([table, data]);
    return call<LevelsReport>('levels_run', body, { ...headers, 'x-from': from, 'x-to': to });
  },
  kpiEvidenceSave: (id: string) => call<string>('kpi_evidence_save', { id }),
  orgSnapshot: (asOf?: string) => call<OrgSnapshot>('org_snapshot', { asOf }),
  orgTree: (asOf: string | undefined, view: OrgView, root?: string) => call<OrgTree>('org_tree', { asOf, view, root }),
  orgSaveUnit: (input: UnitInput) => call<Unit>('org_save_unit', { input }),
  orgSavePosition: (input: PositionInput) => call<Position>('org_save_position', { input }),
  orgSavePerson: (input: PersonInput) => call<Person>('org_save_person', { input }),
  orgAssign: (input: AssignInput) => call<Assignment>('org_assign', { input }),
  orgEndAssignment: (id: string, endOn: string) => call<null>('org_end_assignment', { id, endOn }),
  orgHistory: (id: string) => call<OrgChange[]>('org_history', { id }),
  orgRevert: (id: string, validFrom: string) => call<null>('org_revert', { id, validFrom }),
  orgTemplates: () => call<OrgTemplateInfo[]>('org_templates'),
  orgApplyTemplate: (input: TemplateInput) => call<string[]>('org_apply_template', { input }),
  // Several files as one raw body, their names and sizes in headers.
  orgImport: (files: { name: string; bytes: Uint8Array }[], effective?: string) => {
    const body = new Uint8Array(files.reduce((n, f) => n + f.bytes.length, 0));
    let at = 0;
    for (const f of files) {
      body.set(f.bytes, at);
      at += f.bytes.length;
    }
    return call<OrgImportReport>('org_import', body, {
      'x-file-names': files.map((f) => encodeURIComponent(f.name)).join('/'),
      'x-file-sizes': files.map((f) => f.bytes.length).join(','),
      ...(effective ? { 'x-effective': encodeURIComponent(effective) } : {}),
    });
  },
  orgExport: (asOf: string | undefined, csv: boolean) => call<string[]>('org_export', { asOf, csv }),
  orgTemplateFile: () => call<string>('org_template_file'),
  reportScorecard: (unit: string, period: string, schemeId?: string) => call<string>('report_scorecard', { unit, period, schemeId }),
  reportBulletin: (period: string, schemeId?: string, version?: number) => call<string>('report_bulletin', { period, schemeId, version }),
  reportOrgchart: (asOf?: string, unit?: string) => call<string>('report_orgchart', { unit, asOf }),
  minutesList: (unitId?: string) => call<MeetingRow[]>('minutes_list', { unitId }),
  minutesGet: (id: string) => call<MinutesView>('minutes_get', { id }),
  minutesNew: (unitId: string, kind: MeetingKind, series?: string) => call<MinutesInput>('minutes_new', { unitId, kind, series }),
  minutesCarried: (unitId: string, series: string, heldAt: string) => call<ActionView[]>('minutes_carried', { unitId, series, heldAt }),
  minutesSave: (input: MinutesInput) => call<MinutesView>('minutes_save', { input }),
  minutesDelete: (id: string) => call<null>('minutes_delete', { id }),
  minutesFinalise: (id: string) => call<MinutesView>('minutes_finalise', { id }),
  minutesRevise: (id: string, reason: string) => call<MinutesView>('minutes_revise', { id, reason }),
  minutesRevision: (id: string, rev: number) => call<MinutesView>('minutes_revision', { id, rev }),
  actionsBoard: (filter: ActionFilter) => call<ActionView[]>('actions_board', { filter }),
  actionUpdate: (update: ActionUpdate) => call<ActionView>('action_update', { update }),
  actionHistory: (id: string) => call<ActionChange[]>('action_history', { id }),
  submissions: (month?: string) => call<SubmissionView[]>('submissions', { month }),
  submissionAdd: (input: SubmissionInput) => call<SubmissionView>('submission_add', { input }),
  submissionReview: (id: string, verdict: Verdict | null, note: string) => call<SubmissionView>('submission_review', { id, verdict, note }),
  plans: (unitId?: string) => call<PlanRow[]>('plans', { unitId }),
  planSave: (input: PlanInput) => call<PlanRow>('plan_save', { input }),
  planDelete: (id: string) => call<null>('plan_delete', { id }),
  planTransition: (id: string, action: PlanAction, comment: string) => call<PlanRow>('plan_transition', { id, action, comment }),
  planHistory: (id: string) => call<PlanChange[]>('plan_history', { id }),
  planAdjustRequest: (input: AdjustInput) => call<Adjustment>('plan_adjust_request', { input }),
  planAdjustDecide: (id: string, approve: boolean, decision: string) => call<Adjustment>('plan_adjust_decide', { id, approve, decision }),
  planAdjustments: (nodeId?: string) => call<Adjustment[]>('plan_adjustments', { nodeId }),
  workSummary: (personId: string, period: string) => call<WorkSummary>('work_summary', { personId, period }),
  workSummarySave: (summary: WorkSummary) => call<WorkSummary>('work_summary_save', { summary }),
  reportMinutes: (id: string) => call<string>('report_minutes', { id }),
  /** 纪要 in the national format (GB/T 9704 §10.3), for issuing. */
  reportMinutesOfficial: (id: string) => call<string>('report_minutes_official', { id }),
  reportPlan: (unitId: string, period: string) => call<string>('report_plan', { unitId, period }),
  docCategories: () => call<DocCategory[]>('doc_categories'),
  docReserveNumber: (category: string) => call<Reserved>('doc_reserve_number', { category }),
  outgoingList: () => call<OutgoingDoc[]>('outgoing_list'),
  outgoingSave: (input: OutgoingInput) => call<OutgoingDoc>('outgoing_save', { input }),
  outgoingSign: (id: string, signerId: string, on: string) => call<OutgoingDoc>('outgoing_sign', { id, signerId, on }),
  outgoingIssue: (id: string, on: string) => call<OutgoingDoc>('outgoing_issue', { id, on }),
  outgoingWithdraw: (id: string) => call<OutgoingDoc>('outgoing_withdraw', { id }),
  incomingList: (overdueOnly: boolean) => call<IncomingRow[]>('incoming_list', { overdueOnly }),
  incomingRegister: (input: IncomingInput) => call<IncomingRow>('incoming_register', { input }),
  outgoingDetail: (id: string) => call<OutgoingDetail>('outgoing_detail', { id }),
  outgoingDispatch: (input: DispatchInput) => call<OutgoingDetail>('outgoing_dispatch', { input }),
  dispatchOutcome: (id: string, outcome: string) => call<OutgoingDetail>('dispatch_outcome', { id, outcome }),
  outgoingCorrect: (id: string, title: string, reason: string) => call<OutgoingDetail>('outgoing_correct', { id, title, reason }),
  /** A document's text, or a new one from the template of `form`. */
  outgoingContent: (id: string, form?: DocForm) => call<ContentView>('outgoing_content', { id, form }),
  outgoingContentSave: (content: DocContent) => call<DocContent>('outgoing_content_save', { content }),
  /** Attaches picked files to a draft; returns its attachments. */
  outgoingAttach: (docId: string, files: PickedFile[]) => {
    const [body, headers] = packFiles(files);
    return call<DocFile[]>('outgoing_attach', body, { ...headers, 'x-doc': docId });
  },
  outgoingDetach: (docId: string, fileId: string) => call<DocFile[]>('outgoing_detach', { docId, fileId }),
  /** Saves an attachment into the download folder; returns its path. */
  outgoingFileSave: (fileId: string) => call<string>('outgoing_file_save', { fileId }),
  calendarDays: () => call<CalendarView>('calendar_days'),
  /** Headquarters publishes a day (false: off, true: a weekend day worked) or takes it back (null). */
  calendarSet: (day: string, working: boolean | null, note: string) => call<CalendarView>('calendar_set', { day, working, note }),
  /** Sends an issued document to units (the whole list of 主送 and 抄送). */
  outgoingDistribute: (input: DistributeInput) => call<RecipientView[]>('outgoing_distribute', { input }),
  /** Documents sent to this site's units, waiting to be signed for. */
  docsInbox: () => call<InboxLine[]>('docs_inbox'),
  /** The document printed in the national format (GB/T 9704) into the download folder. */
  reportDocument: (id: string) => call<string>('report_document', { id }),
  reportSlip: (id: string) => call<string>('report_slip', { id }),
  reportRegister: (from: string, to: string) => call<string>('report_register', { from, to }),
  search: (query: string) => call<SearchResult[]>('search', { query }),
  syncStatus: () => call<SyncStatus>('sync_status'),
  /** Issues an enrolment file into the download folder; its passcode is read out by phone. */
  syncEnrol: (unitCode: string) => call<Enrolment>('sync_enrol', { unitCode }),
  syncRotateKeys: () => call<string>('sync_rotate_keys'),
  syncRevoke: (unit: string, reason: string) => call<null>('sync_revoke', { unit, reason }),
  /** Writes a bundle into the download folder; `onProgress(step, steps)` as it goes. */
  syncExport: async (to: string | undefined, full: boolean, onProgress?: (step: number, steps: number) => void) => {
    const stop = onProgress ? await listen<[number, number]>('sync-progress', (e) => onProgress(e.payload[0], e.payload[1])) : undefined;
    try {
      return await call<ExportReport>('sync_export', { to, full });
    } finally {
      stop?.();
    }
  },
  /** Imports a picked file; an enrolment file needs the passcode headquarters read out. */
  syncImport: (name: string, bytes: Uint8Array, passcode?: string) =>
    call<ImportReport>('sync_import', bytes, { 'x-file-name': encodeURIComponent(name), ...(passcode ? { 'x-passcode': encodeURIComponent(passcode) } : {}) }),
  syncImportPath: (path: string, passcode?: string) => call<ImportReport>('sync_import_path', { path, passcode }),
  /** Calls `onDrop` with the paths of files dropped on the window; returns the unsubscribe. */
  onFileDrop: async (onDrop: (paths: string[]) => void, onHover?: (over: boolean) => void) => {
    return getCurrentWebview().onDragDropEvent((e) => {
      if (e.payload.type === 'drop') {
        onHover?.(false);
        onDrop(e.payload.paths);
      } else if (e.payload.type === 'over' || e.payload.type === 'enter') {
        onHover?.(true);
      } else {
        onHover?.(false);
      }
    });
  },
  announce: (unitCode: string | undefined, title: string, body: string) => call<Announcement>('announce', { unitCode, title, body }),
  announcements: () => call<Announcement[]>('announcements'),
  decisions: () => call<DecisionView[]>('decisions'),
  announcementSeen: (id: string) => call<null>('announcement_seen', { id }),
};

export type Api = typeof api;
