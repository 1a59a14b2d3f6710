// The only module that talks to Tauri. Everything else imports `api` from here, so the UI can
// be tested with a fake and the IPC surface is visible in one place.
import { invoke } from '@tauri-apps/api/core';
import type { ApiError } from './bindings/ApiError';
import type { Dashboard } from './bindings/Dashboard';
import type { Info } from './bindings/Info';
import type { Settings } from './bindings/Settings';
import type { SettingsUpdate } from './bindings/SettingsUpdate';
import type { SchemeSummary } from './bindings/SchemeSummary';
import type { KpiScoreView } from './bindings/KpiScoreView';
import type { EntryGrid } from './bindings/EntryGrid';
import type { CellInput } from './bindings/CellInput';
import type { CellError } from './bindings/CellError';
import type { SaveReport } from './bindings/SaveReport';
import type { KpiTrend } from './bindings/KpiTrend';
import type { FigureChange } from './bindings/FigureChange';
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

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    if (isApiError(e)) throw new CommandError(e);
    throw new CommandError({ code: 'app.ipc', message: String(e) });
  }
}

export const api = {
  dashboard: () => call<Dashboard>('dashboard'),
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
  kpiImport: (name: string, bytes: Uint8Array) => call<SaveReport>('kpi_import', { name, bytes: Array.from(bytes) }),
  kpiTrend: (unit: string, schemeId?: string) => call<KpiTrend>('kpi_trend', { schemeId, unit }),
  kpiHistory: (unit: string, period: string, metric: string) =>
    call<FigureChange[]>('kpi_history', { unit, period, metric }),
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
  orgImport: (files: { name: string; bytes: Uint8Array }[], effective?: string) =>
    call<OrgImportReport>('org_import', { files: files.map((f) => [f.name, Array.from(f.bytes)]), effective }),
  orgExport: (asOf: string | undefined, csv: boolean) => call<string[]>('org_export', { asOf, csv }),
  orgTemplateFile: () => call<string>('org_template_file'),
  reportScorecard: (unit: string, period: string, schemeId?: string) => call<string>('report_scorecard', { unit, period, schemeId }),
  reportBulletin: (period: string, schemeId?: string) => call<string>('report_bulletin', { period, schemeId }),
  reportOrgchart: (asOf?: string, unit?: string) => call<string>('report_orgchart', { unit, asOf }),
};

export type Api = typeof api;
