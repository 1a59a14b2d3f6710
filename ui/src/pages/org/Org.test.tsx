import { describe, expect, it } from 'vitest';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from '../../App';
import { fakeApi } from '../../test/fake';

describe('组织架构 page', () => {
  it('draws the chart, finds a person on it, and lists every problem of a bad import', async () => {
    window.location.hash = '#/org';
    const api = fakeApi();
    render(<App api={api} />);
    await waitFor(() => expect(screen.getByTestId('node-COPY')).toBeTruthy());
    expect(screen.getByTestId('node-COPY').textContent).toContain('王丽');
    // an empty position shows as vacant, in red text
    expect(screen.getByTestId('node-ART').textContent).toContain('空缺');
    expect(screen.getByTestId('chart-count').textContent).toBe('显示 5 / 5 个节点');
    // collapsing 运营主管 hides its two children
    fireEvent.click(screen.getByTestId('toggle-LEAD'));
    await waitFor(() => expect(screen.queryByTestId('node-COPY')).toBeNull());
    expect(screen.getByTestId('chart-count').textContent).toBe('显示 3 / 5 个节点');
    // searching a person opens the path to them again
    fireEvent.change(screen.getByTestId('chart-search').querySelector('input') ?? screen.getByTestId('chart-search'), { target: { value: '王丽' } });
    const option = await screen.findByTestId('chart-search-option');
    fireEvent.click(option);
    await waitFor(() => expect(screen.getByTestId('node-COPY')).toBeTruthy());
    // a bad import shows the table of problems with sheet, row and column
    fireEvent.click(screen.getByTestId('org-import'));
    const file = new File(['编码\n'], 'org.xlsx');
    const input = document.querySelector('input[type=file]') as HTMLInputElement;
    await act(async () => {
      fireEvent.change(input, { target: { files: [file] } });
    });
    await waitFor(() => expect((screen.getByTestId('import-go') as HTMLButtonElement).disabled).toBe(false));
    await act(async () => {
      fireEvent.click(screen.getByTestId('import-go'));
    });
    const table = await screen.findByTestId('import-problems');
    expect(table.textContent).toContain('直属上级岗位编码 ZZZ 不存在');
    expect(table.textContent).toContain('岗位');
    expect(table.textContent).toContain('5');
  });
});
