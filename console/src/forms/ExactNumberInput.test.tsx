import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Button, Form } from 'antd';
import { setLang } from '../shell/i18n';
import { ExactNumberInput, wholeRule, wholeValue } from './ExactNumberInput';

function PointsForm({ onSend }: { onSend: (points: number) => void }) {
  return (
    <Form onFinish={(v: { points: string }) => onSend(wholeValue(v.points, { signed: true }))}>
      <Form.Item name="points" label="points" rules={[wholeRule({ signed: true, allowZero: false, max: 500 })]}>
        <ExactNumberInput data-testid="points" />
      </Form.Item>
      <Button htmlType="submit">send</Button>
    </Form>
  );
}

describe('a number field in a form', () => {
  afterEach(() => setLang('zh'));

  it('shows exactly what was typed and refuses 1.5 (never sends 15 or 1)', async () => {
    const onSend = jest.fn();
    render(<PointsForm onSend={onSend} />);
    const input = screen.getByTestId('points') as HTMLInputElement;
    fireEvent.change(input, { target: { value: '1.5' } });
    expect(input.value).toBe('1.5');
    fireEvent.click(screen.getByText('send'));
    expect(await screen.findByText('只能输入整数，不能有小数')).toBeTruthy();
    expect(onSend).not.toHaveBeenCalled();
  });

  it('sends the number typed', async () => {
    const onSend = jest.fn();
    render(<PointsForm onSend={onSend} />);
    fireEvent.change(screen.getByTestId('points'), { target: { value: '-15' } });
    fireEvent.click(screen.getByText('send'));
    await waitFor(() => expect(onSend).toHaveBeenCalledWith(-15));
  });

  it('says why in the user’s language', async () => {
    setLang('en');
    render(<PointsForm onSend={jest.fn()} />);
    fireEvent.change(screen.getByTestId('points'), { target: { value: '1,000' } });
    fireEvent.click(screen.getByText('send'));
    expect(await screen.findByText('Digits only (no commas, spaces or units)')).toBeTruthy();
  });
});
