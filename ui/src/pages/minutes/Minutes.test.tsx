import { describe, expect, it } from 'vitest';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from '../../App';
import { fakeApi } from '../../test/fake';

describe('会议纪要 page', () => {
  it('lists meetings, opens locked minutes with the items carried forward, and marks overdue items on the board', async () => {
    window.location.hash = '#/minutes';
    const api = fakeApi();
    render(<App api={api} />);
    const table = await screen.findByTestId('meetings-table');
    expect(table.textContent).toContain('张店区支公司周例会（第2期）');
    expect(table.textContent).toContain('已定稿 v1');
    expect(table.textContent).toContain('1 / 2');
    await act(async () => {
      fireEvent.click(screen.getByText('张店区支公司周例会（第2期）'));
    });
    await waitFor(() => expect(api.minutesGet).toHaveBeenCalledWith('m1'));
    const carried = await screen.findByTestId('carried-actions');
    expect(carried.textContent).toContain('完成到期续保清单分配');
    expect(screen.getByText(/已定稿（第1版），内容已锁定/)).toBeTruthy();
    expect(screen.queryByTestId('minutes-save')).toBeNull();
    expect(screen.getByTestId('minutes-revise')).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByTestId('tab-board'));
    });
    await waitFor(() => expect(screen.getByTestId('board-count').textContent).toBe('共 2 项，其中逾期 1 项'));
    expect(screen.getByText('逾期3天')).toBeTruthy();
  });

  it('searches in Chinese from the top bar and marks the match', async () => {
    const api = fakeApi();
    render(<App api={api} />);
    await screen.findByTestId('stat-units');
    const box = screen.getByTestId('global-search').querySelector('input') ?? screen.getByTestId('global-search');
    fireEvent.change(box, { target: { value: '续保' } });
    await act(async () => {
      fireEvent.keyDown(box, { key: 'Enter', code: 'Enter', keyCode: 13 });
    });
    await waitFor(() => expect(api.search).toHaveBeenCalledWith('续保'));
    const results = await screen.findByTestId('search-results');
    expect(results.querySelector('mark')?.textContent).toBe('续保');
    expect(results.textContent).toContain('会议纪要');
  });
});
