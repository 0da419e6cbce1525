import { describe, expect, test } from 'vitest';
import { actionForCommand, actionPath, commandKeys, decideKey, isDialogCommand, isTypingTarget } from '../../../renderer/counter/keys';

describe('counter keyboard shortcuts', () => {
  test.each([
    [' ', 'Space', 'call_next'],
    ['F1', 'F1', 'call_next'],
    ['F2', 'F2', 'recall'],
    ['F3', 'F3', 'no_show'],
    ['F4', 'F4', 'finish'],
    ['F5', 'F5', 'start'],
    ['F6', 'F6', 'transfer'],
    ['F7', 'F7', 'call_specific'],
    ['F8', 'F8', 'pause_toggle'],
    ['F9', 'F9', 'suspend'],
    ['F10', 'F10', 'resume_suspended'],
    ['F12', 'F12', 'rejoin'],
  ])('%s runs %s and never reaches the browser', (key, code, command) => {
    expect(decideKey({ key, code })).toEqual({ command, preventDefault: true });
  });

  test('a held key (auto-repeat) triggers nothing but is still swallowed: F5 must never reload', () => {
    expect(decideKey({ key: 'F5', code: 'F5', repeat: true })).toEqual({ command: null, preventDefault: true });
    expect(decideKey({ key: ' ', code: 'Space', repeat: true })).toEqual({ command: null, preventDefault: true });
  });

  test('other keys and keys with Ctrl/Alt/Meta are left to the browser', () => {
    expect(decideKey({ key: 'a', code: 'KeyA' })).toEqual({ command: null, preventDefault: false });
    expect(decideKey({ key: 'F11', code: 'F11' })).toEqual({ command: null, preventDefault: false });
    expect(decideKey({ key: 'F5', code: 'F5', ctrlKey: true })).toEqual({ command: null, preventDefault: false });
  });

  test('F8 pauses a working counter and resumes a paused one', () => {
    expect(actionForCommand('pause_toggle', 'idle')).toBe('pause');
    expect(actionForCommand('pause_toggle', 'paused')).toBe('resume');
    expect(actionForCommand('call_next', 'idle')).toBe('call_next');
  });

  test('actions map to the API paths of docs/api.md', () => {
    expect(actionPath).toMatchObject({ call_next: 'call-next', no_show: 'no-show', transfer: 'transfer', resume: 'resume', call_specific: 'call-specific', resume_suspended: 'resume-suspended' });
  });

  test('the dialog commands open a dialog; the others act at once', () => {
    expect(['transfer', 'call_specific', 'suspend', 'resume_suspended', 'rejoin'].every((c) => isDialogCommand(c as never))).toBe(true);
    expect(['call_next', 'recall', 'no_show', 'finish', 'start', 'pause_toggle'].some((c) => isDialogCommand(c as never))).toBe(false);
  });

  test('every command has its own key', () => {
    const keys = Object.values(commandKeys).flat();
    expect(new Set(keys).size).toBe(keys.length);
  });

  test('typing into a form field is not a command', () => {
    expect(isTypingTarget({ tagName: 'INPUT' })).toBe(true);
    expect(isTypingTarget({ tagName: 'textarea' })).toBe(true);
    expect(isTypingTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(isTypingTarget({ tagName: 'BUTTON' })).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});
