import { describe, expect, it } from 'vitest';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { App } from '../../App';
import { fakeApi } from '../../test/fake';

describe('公文 page', () => {
  it('lists incoming documents with their handlers, overdue ones marked, and explains a refused registration', async () => {
    window.location.hash = '#/docs';
    const api = fakeApi();
    render(<App api={api} />);
    const table = await screen.findByTestId('incoming-table');
    expect(table.textContent).toContain('关于做好年底续保工作的通知');
    expect(table.textContent).toContain('急件');
    expect(table.textContent).toContain('逾期2天');
    expect(table.textContent).toContain('李娜');
    await act(async () => {
      fireEvent.click(screen.getByTestId('docs-new'));
    });
    await act(async () => {
      fireEvent.click(screen.getByTestId('incoming-save'));
    });
    expect((await screen.findByTestId('incoming-error')).textContent).toContain('请按领导批示选择阅办部门或人员');
  });
});
