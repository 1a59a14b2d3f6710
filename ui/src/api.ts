// The only module that talks to Tauri. Everything else imports `api` from here, so the UI can
// be tested with a fake and the IPC surface is visible in one place.
import { invoke } from '@tauri-apps/api/core';
import type { ApiError } from './bindings/ApiError';
import type { Dashboard } from './bindings/Dashboard';
import type { Info } from './bindings/Info';
import type { Settings } from './bindings/Settings';
import type { SettingsUpdate } from './bindings/SettingsUpdate';

/** A failed command: a stable code for programs and a message in the user's language. */
export class CommandError extends Error {
  readonly code: string;
  readonly field?: string;
  constructor(e: ApiError) {
    super(e.message);
    this.code = e.code;
    this.field = e.field;
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
};

export type Api = typeof api;
