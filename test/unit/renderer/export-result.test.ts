/**
 * What the export dialog says after "Save all" (renderer/src/export/export-result.ts): the files
 * written, the `.env` merge in plain words, each coded failure, and the question before
 * replacing — names only, and outside text made printable.
 */
import { describe, expect, it } from 'vitest';
import type { ExportEnvReport } from '../../../shared/ipc/index';
import {
  describeEnvReport,
  describeExportFailure,
  describeSaved,
  replaceQuestion,
  describeKept,
} from '../../../renderer/src/export/export-result';

const none: ExportEnvReport = {
  kept: 0,
  generated: [],
  asked: [],
  restored: [],
  unused: [],
  unfilled: [],
  differs: [],
};

describe('export result wording', () => {
  it('says how many files went where', () => {
    const saved = { kind: 'saved', saved: '/home/me/acme-deployment', files: ['.env', 'a', 'b'], env: null } as const;
    expect(describeSaved(saved)).toBe('Exported 3 files to /home/me/acme-deployment');
    expect(describeSaved({ ...saved, files: ['.env'] })).toBe('Exported 1 file to /home/me/acme-deployment');
    expect(describeSaved({ ...saved, saved: 'acme.zip' }, 'browser')).toBe(
      'Exported 3 files as one download: acme.zip',
    );
  });

  it('puts the .env merge in plain words, names only', () => {
    expect(
      describeEnvReport({
        ...none,
        kept: 7,
        generated: ['MYSQL_PASSWORD'],
        asked: ['NEXTAUTH_LICENSE'],
        unfilled: ['NEXTAUTH_LICENSE'],
        unused: ['OLD_VAR'],
      }),
    ).toBe(
      'Kept 7 values from your .env; generated MYSQL_PASSWORD; fill in NEXTAUTH_LICENSE; no longer used (kept, commented out): OLD_VAR',
    );
    expect(describeEnvReport({ ...none, kept: 1 })).toBe('Kept 1 value from your .env');
    expect(describeEnvReport(none)).toBe('Kept no values from your .env');
    expect(
      describeEnvReport({
        ...none,
        kept: 2,
        restored: ['REDIS_PASSWORD'],
        unfilled: ['SMTP_PASSWORD'],
        differs: ['COMPOSE_PROJECT_NAME'],
      }),
    ).toBe(
      'Kept 2 values from your .env; back in use with your old value: REDIS_PASSWORD; still to fill in: SMTP_PASSWORD; kept your value though the project says otherwise: COMPOSE_PROJECT_NAME',
    );
  });

  it('says nothing about a .env that was not there before', () => {
    expect(describeEnvReport(null)).toBeNull();
  });

  it('asks before replacing, and says the .env values are kept', () => {
    expect(replaceQuestion('/home/me/acme-deployment')).toBe(
      'Replace the export in /home/me/acme-deployment? Your .env values are kept.',
    );
  });

  it('says what a replacing export keeps for each target: the merged .env, a file left whole, or nothing', () => {
    expect(replaceQuestion('/k', { dotenv: false, kept: 'secrets/secret.yaml' })).toBe(
      'Replace the export in /k? Your secrets/secret.yaml is kept as it is.',
    );
    expect(replaceQuestion('/k', { dotenv: false, kept: null })).toBe('Replace the export in /k?');
    expect(replaceQuestion('/s', { dotenv: false, kept: 'secrets/values/' })).toBe(
      'Replace the export in /s? Your secrets/values/ files are kept as they are.',
    );
    expect(describeKept('secrets/values/')).toMatch(/^The files in secrets\/values\/ were kept/);
    expect(replaceQuestion('/k\u001b[2J', { dotenv: true, kept: null })).not.toContain('\u001b');
    expect(describeKept('secrets/secret.yaml')).toMatch(/^secrets\/secret\.yaml was kept as you filled it in; /);
  });

  it.each([
    ['export-disk-full', 'The disk is full: nothing was changed in acme-deployment.'],
    ['export-read-only', 'The folder is on a read-only disk: nothing was changed in acme-deployment.'],
    [
      'export-permission-denied',
      'Portolan may not write there (permission denied): nothing was changed in acme-deployment.',
    ],
    ['export-symlink', /symbolic link.*nothing was changed in acme-deployment\.$/],
    ['export-exists', /appeared in acme-deployment meanwhile; nothing was replaced/],
    ['export-not-a-folder', /not a folder.*nothing was changed/],
    ['export-special-filesystem', /system file system.*nothing was changed/],
    ['env-unreadable', /\.env already in acme-deployment cannot be read.*nothing was changed/],
  ])('words %s', (code, expected) => {
    const text = describeExportFailure(code, `${code}: a message with /some/path`, 'acme-deployment');
    if (typeof expected === 'string') expect(text).toBe(expected);
    else expect(text).toMatch(expected);
  });

  it('points at the .env line it cannot keep, without showing the line', () => {
    const message = 'env-unterminated-quote: /w/acme/.env:12:9: the closing quote is missing; nothing was written';
    expect(describeExportFailure('env-invalid', message, 'acme-deployment')).toBe(
      'Your .env has a line Portolan cannot keep safely (line 12, column 9): nothing was changed in acme-deployment. Fix that line and export again.',
    );
  });

  it('shows other causes with the host’s message, made printable', () => {
    expect(describeExportFailure('io', 'export-io: EBUSY: busy', 'x')).toBe(
      'The export could not be written (export-io: EBUSY: busy): nothing was changed in x.',
    );
    expect(describeExportFailure('internal', 'boom\u001b[2J', 'x')).toBe('Could not save: boom\\u001b[2J');
    expect(describeSaved({ kind: 'saved', saved: '/w/a\nb', files: [], env: null })).toBe(
      'Exported 0 files to /w/a\\nb',
    );
  });
});
