// Every string the UI shows, in Chinese first and English second, one file per page noun
// (shell, site, org, plans, minutes, docs, kpi, reports, sync, users, backup, board, levels). Each English table is typed
// against its Chinese one, so a missing translation is a type error, not a blank. The labels
// of the enums stored as text come generated from Rust (bindings/labels.ts), never retyped.
import { createContext, useContext } from 'react';
import type { Lang } from '../bindings/Lang';
import { FIELDS } from '../bindings/fields';
import { LABELS } from '../bindings/labels';
import * as shell from './shell';
import * as site from './site';
import * as org from './org';
import * as plans from './plans';
import * as minutes from './minutes';
import * as docs from './docs';
import * as kpi from './kpi';
import * as reports from './reports';
import * as sync from './sync';
import * as users from './users';
import * as backup from './backup';
import * as board from './board';
import * as levels from './levels';

/** The tables of every noun, for the check that no key is defined twice. */
export const tables = { shell, site, org, plans, minutes, docs, kpi, reports, sync, users, backup, board, levels };

const zh = { ...shell.zh, ...site.zh, ...org.zh, ...plans.zh, ...minutes.zh, ...docs.zh, ...kpi.zh, ...reports.zh, ...sync.zh, ...users.zh, ...backup.zh, ...board.zh, ...levels.zh };
export type MessageKey = keyof typeof zh;
const en: Record<MessageKey, string> = { ...shell.en, ...site.en, ...org.en, ...plans.en, ...minutes.en, ...docs.en, ...kpi.en, ...reports.en, ...sync.en, ...users.en, ...backup.en, ...board.en, ...levels.en };

export const messages: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zh, 'en-US': en };

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  const table = messages[lang];
  return (key, vars) =>
    table[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      vars && name in vars ? String(vars[name]) : whole,
    );
}

/** A field of a dated record (`UnitAttrs`, `PositionAttrs`), named as Rust declares it. */
export type Field = (record: keyof typeof FIELDS, name: string) => string;

export function fieldNamer(lang: Lang): Field {
  const i = lang === 'zh-CN' ? 0 : 1;
  return (record, name) => {
    const pair = (FIELDS[record] as Record<string, readonly [string, string]>)[name];
    return pair ? pair[i] : name;
  };
}

export interface I18n {
  lang: Lang;
  t: Translate;
  label: Label;
  field: Field;
}

export function i18nFor(lang: Lang): I18n {
  return { lang, t: translator(lang), label: labeller(lang), field: fieldNamer(lang) };
}

export const I18nContext = createContext<I18n>(i18nFor('zh-CN'));

export function useI18n() {
  return useContext(I18nContext);
}

/** An enum stored as text, by its Rust name (`UnitKind`, `PlanStatus`, …). */
export type LabelType = keyof typeof LABELS;
export type Label = (type: LabelType, value: string) => string;

/** The labels of the enums stored as text, generated from Rust's `str_enums!`. */
export function labeller(lang: Lang): Label {
  const i = lang === 'zh-CN' ? 0 : 1;
  return (type, value) => {
    const pair = (LABELS[type] as Record<string, readonly [string, string]>)[value];
    return pair ? pair[i] : value;
  };
}
