import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { CalendarPanel } from './CalendarPanel';
import { fakeApi } from '../../test/fake';
import type { CalendarDay } from '../../bindings/CalendarDay';

describe('设置 → 工作日历', () => {
  it('shows a unit the days headquarters published, with nothing to change', async () => {
    const api = fakeApi({ calendarDays: vi.fn(async () => ({ hq: false, days: [{ day: '2027-01-01', working: false, note: '元旦' }] })) });
    render(
      <AntApp>
        <CalendarPanel api={api} />
      </AntApp>,
    );
    const table = await screen.findByTestId('calendar-days');
    await waitFor(() => expect(table.textContent).toContain('2027-01-01'));
    expect(table.textContent).toContain('放假');
    expect(table.textContent).toContain('元旦');
    expect(screen.queryByTestId('calendar-add')).toBeNull();
    expect(screen.queryByText('撤回')).toBeNull();
  });

  it('lets headquarters take a published day back', async () => {
    let days: CalendarDay[] = [
      { day: '2027-01-01', working: false, note: '元旦' },
      { day: '2027-02-06', working: true, note: '春节调休上班' },
    ];
    const api = fakeApi({
      calendarDays: vi.fn(async () => ({ hq: true, days })),
      calendarSet: vi.fn(async (day: string, working: boolean | null) => {
        days = working === null ? days.filter((d) => d.day !== day) : days;
        return { hq: true, days };
      }),
    });
    render(
      <AntApp>
        <CalendarPanel api={api} />
      </AntApp>,
    );
    const table = await screen.findByTestId('calendar-days');
    await waitFor(() => expect(table.textContent).toContain('调休上班'));
    expect((screen.getByTestId('calendar-add') as HTMLButtonElement).disabled).toBe(true);
    const row = within(table).getByText('2027-02-06').closest('tr') as HTMLElement;
    await act(async () => {
      fireEvent.click(within(row).getByText(/^撤 ?回$/));
    });
    await act(async () => {
      fireEvent.click(await screen.findByText(/^(确 ?定|OK)$/));
    });
    expect(api.calendarSet).toHaveBeenCalledWith('2027-02-06', null, '');
    await waitFor(() => expect(table.textContent).not.toContain('2027-02-06'));
  });
});
