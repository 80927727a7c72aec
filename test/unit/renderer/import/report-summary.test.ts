import { describe, expect, it } from 'vitest';
import type { ImportReport } from '../../../../shared/import/project/types';
import type { ImportProblem } from '../../../../shared/import/types';
import {
  filterNotes,
  missingFileOf,
  problemLine,
  summarizeReport,
} from '../../../../renderer/src/import/report-summary';

const at = (line: number) => ({ file: 'docker-compose.yml', line, column: 5 });

const report: ImportReport = {
  files: ['docker-compose.yml'],
  services: [
    { service: 'web', at: at(3), kind: 'reverse-proxy', flavour: 'nginx', component: 'web', why: 'nginx image' },
    { service: 'nextauth', at: at(9), kind: 'nextauth', component: 'nextauth', why: 'nextauth image' },
    { service: 'odd', at: at(20), kind: 'no-such-kind' as never, component: 'odd', why: 'future kind' },
  ],
  inactive: ['debug-tools'],
  notes: [
    { kind: 'kept', text: 'kept `volumes` of service web', at: at(5) },
    { kind: 'interpreted', text: 'secret', at: at(11) },
    { kind: 'kept', text: 'kept `restart`', at: at(7) },
    { kind: 'not-understood', text: 'nginx: map', at: { file: 'nginx.conf', line: 2, column: 3 } },
  ],
  warnings: [],
};

const problem = (code: ImportProblem['code'], message: string): ImportProblem => ({
  code,
  severity: 'error',
  message,
  at: at(6),
});

describe('the import report as the dialog shows it', () => {
  it('names each service’s kind (with its flavour) and counts the notes by kind', () => {
    const summary = summarizeReport(report);
    expect(summary.services.map((s) => [s.service, s.kindLabel, s.category])).toEqual([
      ['web', expect.stringMatching(/ · nginx$/i), 'edge'],
      ['nextauth', expect.any(String), 'nextauth'],
      ['odd', 'no-such-kind', null],
    ]);
    expect(summary.services[0]!.at).toBe('docker-compose.yml:3:5');
    expect(summary.counts).toEqual({ kept: 2, interpreted: 1, 'not-understood': 1 });
    expect(summary.inactive).toEqual(['debug-tools']);
  });

  it('filters the notes by kind, keeping the report’s order', () => {
    expect(filterNotes(report.notes, 'all')).toHaveLength(4);
    expect(filterNotes(report.notes, 'kept').map((n) => n.at.line)).toEqual([5, 7]);
    expect(filterNotes(report.notes, 'not-understood').map((n) => n.at.file)).toEqual(['nginx.conf']);
  });

  it('prints a problem as FILE:LINE:COL code message', () => {
    expect(problemLine(problem('yaml-syntax', 'bad indentation'))).toBe(
      'docker-compose.yml:6:5 yaml-syntax bad indentation',
    );
  });

  it('names the file to add when the problem is a file that was not given', () => {
    expect(missingFileOf(problem('extends-unknown-file', 'cannot read the file extends names: common.yml'))).toBe(
      'common.yml',
    );
    expect(missingFileOf(problem('file-not-found', 'env file config/app.env not found'))).toBe('config/app.env');
    expect(missingFileOf(problem('file-not-found', "couldn't find env file: .env"))).toBe('.env');
    expect(missingFileOf(problem('include-unknown-file', 'cannot read the included file ./base/compose.yaml'))).toBe(
      './base/compose.yaml',
    );
    expect(missingFileOf(problem('yaml-syntax', 'in common.yml'))).toBeNull();
  });
});
