import { describe, expect, it } from 'vitest';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from '../../App';
import { fakeApi } from '../../test/fake';

describe('报表 page', () => {
  it('exports a scorecard and a bulletin and says where the PDF went', async () => {
    window.location.hash = '#/reports';
    const api = fakeApi();
    render(<App api={api} />);
    const button = await screen.findByTestId('report-scorecard');
    await waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(false));
    await act(async () => {
      fireEvent.click(button);
    });
    await waitFor(() => expect(api.reportScorecard).toHaveBeenCalledWith('ZB-ZD', '2016-12', 'mms-2016'));
    expect((await screen.findByTestId('pdf-saved')).textContent).toBe('PDF 已保存：/home/u/下载/考核得分表-ZB-ZD-2016-12.pdf');
    await act(async () => {
      fireEvent.click(screen.getByTestId('report-bulletin'));
    });
    await waitFor(() => expect(api.reportBulletin).toHaveBeenCalledWith('2016-Q4', 'mms-2016'));
    // The finalised meeting is picked for the minutes PDF.
    await waitFor(() => expect((screen.getByTestId('report-minutes') as HTMLButtonElement).disabled).toBe(false));
    await act(async () => {
      fireEvent.click(screen.getByTestId('report-minutes'));
    });
    await waitFor(() => expect(api.reportMinutes).toHaveBeenCalledWith('m1'));
    // The monthly analysis is of the month before the current one (written in the month after).
    await act(async () => {
      fireEvent.click(screen.getByTestId('report-analysis'));
    });
    await waitFor(() => expect(api.reportAnalysis).toHaveBeenCalledWith('2016-11'));
  });
});
