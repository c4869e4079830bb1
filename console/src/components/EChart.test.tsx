import { act, render } from '@testing-library/react';

const instance = { setOption: jest.fn(), resize: jest.fn(), dispose: jest.fn(), showLoading: jest.fn(), hideLoading: jest.fn() };
jest.mock('echarts/core', () => ({ use: jest.fn(), init: jest.fn(() => instance) }));
jest.mock('echarts/charts', () => ({ LineChart: {}, BarChart: {} }));
jest.mock('echarts/components', () => ({ GridComponent: {}, LegendComponent: {}, TooltipComponent: {} }));
jest.mock('echarts/renderers', () => ({ CanvasRenderer: {} }));

import * as echarts from 'echarts/core';
import { EChart, type ChartOption } from './EChart';

describe('EChart', () => {
  beforeEach(() => jest.clearAllMocks());

  it('draws the option, follows window resizes, and is disposed on unmount', () => {
    const option: ChartOption = { xAxis: { type: 'category', data: ['a'] }, yAxis: { type: 'value' }, series: [{ type: 'line', data: [1] }] };
    const { getByTestId, rerender, unmount } = render(<EChart option={option} data-testid="chart" />);
    expect(echarts.init).toHaveBeenCalledWith(getByTestId('chart'));
    expect(instance.setOption).toHaveBeenCalledWith(option, { notMerge: true });

    act(() => void window.dispatchEvent(new Event('resize')));
    expect(instance.resize).toHaveBeenCalled();

    const next: ChartOption = { ...option, series: [{ type: 'bar', data: [2] }] };
    rerender(<EChart option={next} data-testid="chart" />);
    expect(instance.setOption).toHaveBeenLastCalledWith(next, { notMerge: true });

    unmount();
    expect(instance.dispose).toHaveBeenCalledTimes(1);
    instance.resize.mockClear();
    window.dispatchEvent(new Event('resize'));
    expect(instance.resize).not.toHaveBeenCalled();
  });
});
