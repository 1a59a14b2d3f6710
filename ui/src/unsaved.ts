import { useCallback, useEffect, useState } from 'react';
import { App, Modal, type ButtonProps } from 'antd';
import { useI18n } from './i18n';

/** Forms and grids with unsaved changes, by a name of their own: navigation asks before it
 * throws them away (the sider, the KPI tabs, a month switch, a drawer's close or Esc). */
const dirty = new Set<string>();

/** Marks `id` as holding unsaved changes while `isDirty`; cleared when it unmounts. */
export function useUnsaved(id: string, isDirty: boolean): void {
  useEffect(() => {
    if (isDirty) dirty.add(id);
    else dirty.delete(id);
    return () => {
      dirty.delete(id);
    };
  }, [id, isDirty]);
}

export function hasUnsaved(): boolean {
  return dirty.size > 0;
}

/** Returns `guard(proceed)`: runs `proceed` at once when nothing is unsaved (or `isDirty` says
 * so for a single form), else after the user confirms discarding the changes. */
export function useGuard(isDirty: () => boolean = hasUnsaved): (proceed: () => void) => void {
  // Outside the antd App (the shell itself) the static confirm is used.
  const { modal } = App.useApp();
  const confirm = modal?.confirm ?? Modal.confirm;
  const { t } = useI18n();
  return useCallback(
    (proceed: () => void) => {
      if (!isDirty()) {
        proceed();
        return;
      }
      confirm({
        title: t('unsaved.title'),
        content: t('unsaved.body'),
        okText: t('unsaved.discard'),
        cancelText: t('unsaved.keep'),
        okButtonProps: { danger: true, 'data-testid': 'unsaved-discard' } as ButtonProps,
        cancelButtonProps: { 'data-testid': 'unsaved-keep' } as ButtonProps,
        onOk: () => {
          dirty.clear();
          proceed();
        },
      });
    },
    [isDirty, confirm, t],
  );
}

/** A form in a drawer: `touched` once a value changes (the form's onValuesChange), `saved`
 * after a save; `close(onClose)` asks before discarding, and so does leaving the page. */
export function useFormGuard(id: string) {
  const [touched, setTouched] = useState(false);
  useUnsaved(id, touched);
  const guard = useGuard(() => touched);
  return {
    touched: () => setTouched(true),
    saved: () => setTouched(false),
    close: (onClose: () => void) => guard(onClose),
  };
}
