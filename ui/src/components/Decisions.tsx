// Headquarters' decisions on a unit's records travel as records of their own (see
// app/src/decisions.rs): at headquarters a decision waits until the unit has applied it and
// sent its record back. These show that wait where the record is listed.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Tag, Tooltip } from 'antd';
import type { Api } from '../api';
import type { DecisionView } from '../bindings/DecisionView';
import { useI18n } from '../i18n';

/** Decisions still waiting for the unit, by the record they are about; `reload` after deciding. */
export function useWaiting(api: Api): [Map<string, DecisionView>, () => void] {
  const [waiting, setWaiting] = useState(new Map<string, DecisionView>());
  const reload = useCallback(() => {
    api.decisions().then(
      (ds) => setWaiting(new Map(ds.filter((d) => d.state === 'waiting').map((d) => [d.subject_id, d]))),
      () => setWaiting(new Map()),
    );
  }, [api]);
  useEffect(reload, [reload]);
  return [waiting, reload];
}

export function WaitingTag({ d }: { d: DecisionView }) {
  const { t, label } = useI18n();
  return (
    <Tooltip title={d.comment || undefined}>
      <Tag color="purple" data-testid="decision-waiting">
        {t('decision.waiting', { verdict: label('DecisionVerdict', d.verdict) })}
      </Tag>
    </Tooltip>
  );
}

export function WaitingNote({ d }: { d: DecisionView }) {
  const { t, label } = useI18n();
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="decision-note"
      title={t('decision.note', {
        verdict: label('DecisionVerdict', d.verdict),
        unit: d.unit_name,
        at: d.decided_at.slice(0, 10),
      })}
      description={d.comment || undefined}
    />
  );
}
