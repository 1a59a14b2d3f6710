import { describe, expect, it } from 'vitest';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from '../../App';
import { fakeApi } from '../../test/fake';

describe('经营监控 on 首页', () => {
  it('shows each unit with its lights, filters by light and opens the page behind a light', async () => {
    const api = fakeApi();
    render(<App api={api} />);
    expect((await screen.findByTestId('board-light-ZB-ZD')).textContent).toBe('预警');
    expect(screen.getByTestId('board-light-ZB-LZ').textContent).toBe('正常');
    // The reason is on the light itself, for a screen reader and a tooltip.
    const plans = screen.getByTestId('board-cell-ZB-ZD-plans');
    expect(plans.getAttribute('aria-label')).toContain('落后 16.7 个百分点');
    // No data is grey, not green.
    expect(screen.getByTestId('board-cell-ZB-LZ-plans').textContent).toBe('无数据');
    // A check that does not apply to a unit shows no light.
    expect(screen.queryByTestId('board-cell-ZB-ZD-kpi')).toBeNull();

    await act(async () => {
      fireEvent.click(screen.getByText('预警（1）'));
    });
    expect(screen.queryByTestId('board-light-ZB-LZ')).toBeNull();
    expect(screen.getByTestId('board-light-ZB-ZD')).toBeTruthy();

    // Clicking a light opens the plan behind it.
    await act(async () => {
      fireEvent.click(screen.getByTestId('board-cell-ZB-ZD-plans'));
    });
    await waitFor(() => expect(api.plans).toHaveBeenCalled());
  });

  it('exports the board to Excel and says where', async () => {
    const api = fakeApi();
    render(<App api={api} />);
    await screen.findByTestId('board-light-ZB-ZD');
    await act(async () => {
      fireEvent.click(screen.getByTestId('board-export'));
    });
    expect((await screen.findByTestId('xlsx-saved')).textContent).toContain('经营监控-2016-12-28.xlsx');
    expect(api.boardExport).toHaveBeenCalledWith('2016-12-28');
  });
});
