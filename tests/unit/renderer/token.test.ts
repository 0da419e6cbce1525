import { describe, expect, test } from 'vitest';
import {
  identityFromSearch,
  memoryStorage,
  readTokenFromFragment,
  resolveTerminalToken,
  tokenStorageKey,
} from '../../../renderer/shared/api/token';

describe('terminal token from the URL fragment', () => {
  test('reads the token and keeps other fragment parameters', () => {
    expect(readTokenFromFragment('#token=abc123&view=big')).toEqual({ token: 'abc123', rest: 'view=big' });
    expect(readTokenFromFragment('#token=abc123')).toEqual({ token: 'abc123', rest: '' });
    expect(readTokenFromFragment('')).toEqual({ token: null, rest: '' });
    expect(readTokenFromFragment('#section')).toEqual({ token: null, rest: 'section' });
  });

  test('given a page opened with #token=…, it stores the token and removes it from the address', () => {
    const storage = memoryStorage();
    const identity = identityFromSearch('counter', '?counter=c3');
    const result = resolveTerminalToken({ pathname: '/counter/', search: '?counter=c3', hash: '#token=s3cr3t' }, identity, storage);
    expect(result).toEqual({ token: 's3cr3t', cleanedUrl: '/counter/?counter=c3' });
    expect(storage.getItem('servicehall.token.counter.c3')).toBe('s3cr3t');
  });

  test('when the page reloads without a fragment, the stored token is used and the address is left alone', () => {
    const storage = memoryStorage();
    const identity = identityFromSearch('counter', '?counter=c3');
    resolveTerminalToken({ pathname: '/counter/', search: '?counter=c3', hash: '#token=s3cr3t' }, identity, storage);
    expect(resolveTerminalToken({ pathname: '/counter/', search: '?counter=c3', hash: '' }, identity, storage)).toEqual({ token: 's3cr3t', cleanedUrl: null });
  });

  test('two counters in one browser keep their own tokens', () => {
    const storage = memoryStorage();
    resolveTerminalToken({ pathname: '/counter/', search: '?counter=c1', hash: '#token=one' }, identityFromSearch('counter', '?counter=c1'), storage);
    resolveTerminalToken({ pathname: '/counter/', search: '?counter=c2', hash: '#token=two' }, identityFromSearch('counter', '?counter=c2'), storage);
    expect(resolveTerminalToken({ pathname: '/counter/', search: '?counter=c1', hash: '' }, identityFromSearch('counter', '?counter=c1'), storage).token).toBe('one');
    expect(resolveTerminalToken({ pathname: '/counter/', search: '?counter=c2', hash: '' }, identityFromSearch('counter', '?counter=c2'), storage).token).toBe('two');
  });

  test('roles do not share tokens; a page without scope falls back to its role key', () => {
    const storage = memoryStorage();
    resolveTerminalToken({ pathname: '/kiosk/', search: '?terminal=k1', hash: '#token=kiosk' }, identityFromSearch('kiosk', '?terminal=k1'), storage);
    expect(resolveTerminalToken({ pathname: '/kiosk/', search: '', hash: '' }, identityFromSearch('kiosk', ''), storage).token).toBe('kiosk');
    expect(resolveTerminalToken({ pathname: '/display/', search: '', hash: '' }, identityFromSearch('hall_display', ''), storage).token).toBeNull();
  });

  test('an empty #token= is removed from the address and stores nothing', () => {
    const storage = memoryStorage();
    const r = resolveTerminalToken({ pathname: '/kiosk/', search: '', hash: '#token=' }, identityFromSearch('kiosk', ''), storage);
    expect(r).toEqual({ token: null, cleanedUrl: '/kiosk/' });
  });

  test('storage keys name role and scope', () => {
    expect(tokenStorageKey({ role: 'counter_display', scope: 'c1' })).toBe('servicehall.token.counter_display.c1');
    expect(tokenStorageKey({ role: 'admin', scope: null })).toBe('servicehall.token.admin');
  });
});
