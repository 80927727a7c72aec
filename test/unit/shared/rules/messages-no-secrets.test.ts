import { describe, expect, it } from 'vitest';
import { checkProject } from '../../../../shared/rules/index';
import { setEnv, template } from '../../../support/fixtures';

const manual = template('manual');
const PASSWORD = 'Xq7-hunter2-Zk9';

/** Rules quote the values they judge; a password typed into one of them must not reach the message. */
describe('rule messages never quote a password', () => {
  it.each([
    [
      'NA036, a URL to a public host no route serves',
      'mgmt',
      'PUBLIC_URL',
      `https://u:${PASSWORD}@dashboard.auth.example.com:8443/`,
      'NA036',
    ],
    ['NA027, a URL that is not valid', 'mgmt', 'CALLBACK_URL', `https://u:${PASSWORD}@bad_host/`, 'NA027'],
    [
      'NA003, the WebSocket URL',
      'nextauth',
      'NEXTAUTH_DEFAULT_WS_URL',
      `wss://u:${PASSWORD}@other.example.com/`,
      'NA003',
    ],
  ])('%s', (_name, component, variable, value, rule) => {
    const diagnostics = checkProject(setEnv(manual, component, variable, value));
    expect(
      diagnostics.some((d) => d.rule === rule),
      `${rule} must fire on the case`,
    ).toBe(true);
    for (const d of diagnostics) expect(d.message, d.rule).not.toContain(PASSWORD);
  });
});
