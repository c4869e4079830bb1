import { act, renderHook } from '@testing-library/react';
import { ApiError } from '../shell/api';
import { useLoad } from './useLoad';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('useLoad', () => {
  it('never lets an older answer overwrite a newer one', async () => {
    const first = deferred<string>();
    const second = deferred<string>();
    const { result, rerender } = renderHook(({ k, p }) => useLoad(k, () => p), { initialProps: { k: 'a', p: first.promise } });
    rerender({ k: 'b', p: second.promise });
    await act(async () => second.resolve('answer b'));
    await act(async () => first.resolve('answer a'));
    expect(result.current.data).toBe('answer b');
    expect(result.current.loading).toBe(false);
  });

  it('shows the server’s message and drops the old rows when the next question fails', async () => {
    const { result, rerender } = renderHook(({ k, p }) => useLoad(k, () => p), { initialProps: { k: 'a', p: Promise.resolve('rows of a') as Promise<string> } });
    await act(async () => {});
    expect(result.current.data).toBe('rows of a');
    rerender({ k: 'b', p: Promise.reject(new ApiError(403, 'OUT_OF_SCOPE', '该门店不在您的管辖范围内')) });
    await act(async () => {});
    expect(result.current.error).toBe('该门店不在您的管辖范围内');
    expect(result.current.data).toBeUndefined();
  });

  it('asks nothing for a null key', () => {
    const load = jest.fn(() => Promise.resolve(1));
    const { result } = renderHook(() => useLoad(null, load));
    expect(load).not.toHaveBeenCalled();
    expect(result.current.loading).toBe(false);
  });
});
