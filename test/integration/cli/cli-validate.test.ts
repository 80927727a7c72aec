import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Ajv from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../../shared/format/index';
import {
  RULE_FAILURE_ID,
  RULES,
  type CheckContext,
  type Diagnostic,
  type Finding,
  type Rule,
  type Severity,
} from '../../../shared/rules/index';
import { getTemplate } from '../../../shared/templates/index';
import { formatRulesText, listRules, rulesJson, type RuleInfo } from '../../../electron/cli/rules';
import {
  formatProblemResults,
  formatText,
  hasErrors,
  locateDiagnostics,
  sortResults,
  summaryLine,
  toJson,
  toSarif,
  toSarifUri,
  validate,
  validateText,
  type JsonReport,
  type LocatedResult,
  type SarifLog,
} from '../../../electron/cli/validate';

// --- helpers --------------------------------------------------------------------------------------

const MANUAL = getTemplate('manual')!.text;

/** A rule made for the test: reports what `findings` returns for the project. */
function testRule(
  id: string,
  severity: Severity,
  findings: (ctx: CheckContext) => Finding[] = () => [],
  extra: Partial<Rule> = {},
): Rule {
  return {
    id,
    name: `test-rule-${id.toLowerCase()}`,
    title: `Test rule ${id}`,
    severity,
    docs: { url: `https://docs.example.com/${id}`, section: `Section ${id}` },
    why: `Because ${id} says so.`,
    check: findings,
    ...extra,
  };
}

const component = (id: string) => ({ type: 'component' as const, id });

/** 1-based line:column of the value of `id: NAME` in `text`, found by reading the text. */
function idPosition(text: string, id: string): { line: number; column: number } {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => new RegExp(`\\bid: ${id}(\\s|,|$)`).test(l));
  if (line < 0) throw new Error(`no "id: ${id}" in the text`);
  return { line: line + 1, column: lines[line]!.indexOf(`id: ${id}`) + 5 };
}

const result = (over: Partial<LocatedResult> & Pick<LocatedResult, 'rule' | 'line' | 'column'>): LocatedResult => ({
  severity: 'error',
  message: `message of ${over.rule}`,
  elements: [],
  ...over,
});

function memoryIo() {
  const io = {
    stdout: '',
    stderr: '',
    out: (t: string) => void (io.stdout += t),
    err: (t: string) => void (io.stderr += t),
  };
  return io;
}

/**
 * Structural checks of a SARIF 2.1.0 log, written from the OASIS schema's definitions for the
 * objects Portolan emits: required properties, enums, integer minimums, and no property the
 * schema does not define (it sets `additionalProperties: false` on each of these objects).
 * Stands in for the official schema, which is not available offline (see the ajv test below).
 */
function sarifShapeErrors(log: unknown): string[] {
  const errors: string[] = [];
  const ALLOWED: Record<string, readonly string[]> = {
    log: ['$schema', 'version', 'runs', 'inlineExternalProperties', 'properties'],
    run: [
      'tool',
      'invocations',
      'artifacts',
      'results',
      'columnKind',
      'originalUriBaseIds',
      'automationDetails',
      'properties',
    ],
    tool: ['driver', 'extensions', 'properties'],
    toolComponent: [
      'name',
      'version',
      'semanticVersion',
      'informationUri',
      'rules',
      'organization',
      'fullName',
      'properties',
    ],
    reportingDescriptor: [
      'id',
      'name',
      'shortDescription',
      'fullDescription',
      'helpUri',
      'help',
      'defaultConfiguration',
      'properties',
    ],
    reportingConfiguration: ['enabled', 'level', 'rank', 'parameters', 'properties'],
    multiformatMessageString: ['text', 'markdown', 'properties'],
    result: ['ruleId', 'ruleIndex', 'level', 'kind', 'message', 'locations', 'suppressions', 'properties'],
    message: ['text', 'markdown', 'id', 'arguments', 'properties'],
    location: ['id', 'physicalLocation', 'logicalLocations', 'message', 'properties'],
    physicalLocation: ['artifactLocation', 'region', 'contextRegion', 'address', 'properties'],
    artifactLocation: ['uri', 'uriBaseId', 'index', 'description', 'properties'],
    region: [
      'startLine',
      'startColumn',
      'endLine',
      'endColumn',
      'charOffset',
      'charLength',
      'snippet',
      'message',
      'properties',
    ],
    suppression: ['guid', 'kind', 'status', 'justification', 'location', 'properties'],
  };
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  const object = (
    v: unknown,
    kind: string,
    where: string,
    required: readonly string[] = [],
  ): v is Record<string, unknown> => {
    if (!isObject(v)) {
      errors.push(`${where}: not an object`);
      return false;
    }
    for (const key of Object.keys(v))
      if (!ALLOWED[kind]!.includes(key)) errors.push(`${where}.${key}: not a ${kind} property`);
    for (const key of required) if (!(key in v)) errors.push(`${where}.${key}: required`);
    return true;
  };
  const absoluteUri = (v: unknown, where: string) => {
    if (typeof v !== 'string' || !/^[a-z][a-z0-9+.-]*:[^\s\\"<>^`{|}]*$/i.test(v))
      errors.push(`${where}: not an absolute URI`);
  };
  const uriReference = (v: unknown, where: string) => {
    if (typeof v !== 'string' || /[\s\\"<>^`{|}]/.test(v)) errors.push(`${where}: not a URI reference`);
  };
  const text = (v: unknown, where: string) => {
    if (object(v, 'multiformatMessageString', where, ['text']) && typeof v.text !== 'string')
      errors.push(`${where}.text: not a string`);
  };
  const level = (v: unknown, where: string) => {
    if (!['none', 'note', 'warning', 'error'].includes(v as string)) errors.push(`${where}: level ${String(v)}`);
  };
  const int = (v: unknown, min: number, where: string) => {
    if (!Number.isInteger(v) || (v as number) < min) errors.push(`${where}: not an integer >= ${min}`);
  };

  if (!object(log, 'log', '$', ['version', 'runs'])) return errors;
  if (log.version !== '2.1.0') errors.push(`$.version: ${String(log.version)}`);
  if (log.$schema !== undefined) absoluteUri(log.$schema, '$.$schema');
  if (!Array.isArray(log.runs)) return [...errors, '$.runs: not an array'];
  log.runs.forEach((run: unknown, r) => {
    const at = `$.runs[${r}]`;
    if (!object(run, 'run', at, ['tool'])) return;
    if (run.columnKind !== undefined && !['utf16CodeUnits', 'unicodeCodePoints'].includes(run.columnKind as string))
      errors.push(`${at}.columnKind: ${String(run.columnKind)}`);
    if (!object(run.tool, 'tool', `${at}.tool`, ['driver'])) return;
    const driver = run.tool.driver;
    if (!object(driver, 'toolComponent', `${at}.tool.driver`, ['name'])) return;
    if (typeof driver.name !== 'string') errors.push(`${at}.tool.driver.name: not a string`);
    if (driver.version !== undefined && typeof driver.version !== 'string') errors.push(`${at}.tool.driver.version`);
    if (driver.informationUri !== undefined) absoluteUri(driver.informationUri, `${at}.tool.driver.informationUri`);
    const rules = (driver.rules ?? []) as unknown[];
    if (!Array.isArray(rules)) errors.push(`${at}.tool.driver.rules: not an array`);
    const ruleIds: unknown[] = [];
    rules.forEach((rule, i) => {
      const where = `${at}.tool.driver.rules[${i}]`;
      if (!object(rule, 'reportingDescriptor', where, ['id'])) return;
      ruleIds.push(rule.id);
      if (typeof rule.id !== 'string') errors.push(`${where}.id: not a string`);
      if (rule.shortDescription !== undefined) text(rule.shortDescription, `${where}.shortDescription`);
      if (rule.fullDescription !== undefined) text(rule.fullDescription, `${where}.fullDescription`);
      if (rule.helpUri !== undefined) absoluteUri(rule.helpUri, `${where}.helpUri`);
      if (rule.defaultConfiguration !== undefined) {
        const config = rule.defaultConfiguration;
        if (object(config, 'reportingConfiguration', `${where}.defaultConfiguration`))
          level(config.level, `${where}.defaultConfiguration.level`);
      }
    });
    // toolComponent.rules is declared with uniqueItems; ids must be unique for ruleIndex to mean anything.
    if (new Set(ruleIds).size !== ruleIds.length) errors.push(`${at}.tool.driver.rules: duplicate ids`);
    ((run.results ?? []) as unknown[]).forEach((res, i) => {
      const where = `${at}.results[${i}]`;
      if (!object(res, 'result', where, ['message'])) return;
      if (object(res.message, 'message', `${where}.message`) && typeof res.message.text !== 'string')
        errors.push(`${where}.message.text: not a string`);
      if (res.level !== undefined) level(res.level, `${where}.level`);
      if (res.ruleIndex !== undefined) {
        int(res.ruleIndex, -1, `${where}.ruleIndex`);
        if (rules[res.ruleIndex as number] === undefined || ruleIds[res.ruleIndex as number] !== res.ruleId)
          errors.push(`${where}.ruleIndex: does not point at rule ${String(res.ruleId)}`);
      }
      ((res.locations ?? []) as unknown[]).forEach((loc, j) => {
        const lw = `${where}.locations[${j}]`;
        if (!object(loc, 'location', lw)) return;
        const phys = loc.physicalLocation;
        if (!object(phys, 'physicalLocation', `${lw}.physicalLocation`)) return;
        if (object(phys.artifactLocation, 'artifactLocation', `${lw}.physicalLocation.artifactLocation`))
          uriReference(phys.artifactLocation.uri, `${lw}.physicalLocation.artifactLocation.uri`);
        if (object(phys.region, 'region', `${lw}.physicalLocation.region`)) {
          int(phys.region.startLine, 1, `${lw}.physicalLocation.region.startLine`);
          int(phys.region.startColumn, 1, `${lw}.physicalLocation.region.startColumn`);
        }
      });
      ((res.suppressions ?? []) as unknown[]).forEach((s, j) => {
        const sw = `${where}.suppressions[${j}]`;
        if (!object(s, 'suppression', sw, ['kind'])) return;
        if (!['inSource', 'external'].includes(s.kind as string)) errors.push(`${sw}.kind: ${String(s.kind)}`);
        if (s.justification !== undefined && typeof s.justification !== 'string') errors.push(`${sw}.justification`);
      });
    });
  });
  return errors;
}

// --- the pure parts, in process --------------------------------------------------------------------

describe('validate: locating and ordering', () => {
  it('sorts by line, then column, then rule id', () => {
    const sorted = sortResults([
      result({ rule: 'NA002', line: 9, column: 3 }),
      result({ rule: 'NA003', line: 2, column: 5 }),
      result({ rule: 'NA001', line: 9, column: 3 }),
      result({ rule: 'yaml-syntax', line: 2, column: 1 }),
      result({ rule: 'NA009', line: 1, column: 1 }),
    ]);
    expect(sorted.map((r) => `${r.line}:${r.column} ${r.rule}`)).toEqual([
      '1:1 NA009',
      '2:1 yaml-syntax',
      '2:5 NA003',
      '9:3 NA001',
      '9:3 NA002',
    ]);
  });

  it("maps a diagnostic to its FIRST element's location, and project-level ones to 1:1", () => {
    const locations = new Map([
      ['proxy', { line: 31, column: 9 }],
      ['nextauth', { line: 47, column: 9 }],
    ]);
    const rules = [testRule('TS001', 'error'), testRule('TS002', 'warning')];
    const diagnostics: Diagnostic[] = [
      { rule: 'TS001', severity: 'error', message: 'a', elements: [component('nextauth'), component('proxy')] },
      { rule: 'TS002', severity: 'warning', message: 'b', elements: [] },
      { rule: 'TS002', severity: 'warning', message: 'c', elements: [component('not-in-the-file')] },
    ];
    const located = locateDiagnostics(diagnostics, locations, rules);
    expect(located.map((r) => [r.line, r.column])).toEqual([
      [47, 9],
      [1, 1],
      [1, 1],
    ]);
    expect(located[0]).toMatchObject({
      rule: 'TS001',
      elements: diagnostics[0]!.elements,
      docs: { url: 'https://docs.example.com/TS001', section: 'Section TS001' },
    });
    expect(located[0]).not.toHaveProperty('suppressed');
  });

  it('reports format problems with the format code as rule id and no docs', () => {
    const loaded = loadProject('format: 1\nmeta: [\n');
    expect(loaded.ok).toBe(false);
    const results = formatProblemResults(loaded.problems);
    expect(results[0]).toMatchObject({ rule: 'yaml-syntax', severity: 'error', elements: [] });
    expect(results[0]).not.toHaveProperty('docs');
    expect(hasErrors(results)).toBe(true);
  });

  it('places rule diagnostics at the `id:` of the element in the real file text', () => {
    const rules = [
      testRule('TS001', 'error', () => [{ message: 'proxy thing', elements: [component('proxy')] }]),
      testRule('TS002', 'info', (ctx) =>
        ctx.project.links.slice(0, 1).map((l) => ({ message: 'a link', elements: [{ type: 'link', id: l.id }] })),
      ),
      testRule('TS003', 'warning', () => [{ message: 'the whole project', elements: [] }]),
    ];
    const results = validateText(MANUAL, rules);
    expect(results.map((r) => [r.rule, r.line, r.column])).toEqual([
      ['TS003', 1, 1],
      ['TS001', idPosition(MANUAL, 'proxy').line, idPosition(MANUAL, 'proxy').column],
      ['TS002', idPosition(MANUAL, 'mobile-to-proxy').line, idPosition(MANUAL, 'mobile-to-proxy').column],
    ]);
  });

  it('marks suppressed diagnostics (from the file) instead of dropping them', () => {
    const text = `${MANUAL}suppressions:\n  - { rule: TS001, element: proxy, reason: the customer's own WAF handles it }\n`;
    const rules = [testRule('TS001', 'error', () => [{ message: 'proxy thing', elements: [component('proxy')] }])];
    const results = validateText(text, rules);
    expect(results).toHaveLength(1);
    expect(results[0]!.suppressed).toEqual({ reason: "the customer's own WAF handles it" });
    expect(hasErrors(results)).toBe(false);
  });

  it('reports format warnings next to the rule diagnostics when the file still loads', () => {
    const text = MANUAL.replace('meta:\n', 'meta:\n  owner: me\n');
    const rules = [testRule('TS001', 'error', () => [{ message: 'x', elements: [component('proxy')] }])];
    const results = validateText(text, rules);
    expect(results.map((r) => `${r.rule} ${r.severity}`)).toEqual(['unknown-key warning', 'TS001 error']);
  });

  it('a file that does not load reports only its format problems, not the rules', () => {
    const rules = [testRule('TS001', 'error', () => [{ message: 'x', elements: [] }])];
    const results = validateText(MANUAL.replace('kind: redis\n', 'kind: rediss\n'), rules);
    expect(results.map((r) => r.rule)).toEqual(['unknown-kind']);
  });

  it('a rule that throws is reported as an error at 1:1, and the other rules still run', () => {
    const rules = [
      testRule('TS001', 'error', () => {
        throw new Error('boom');
      }),
      testRule('TS002', 'warning', () => [{ message: 'still here', elements: [component('proxy')] }]),
    ];
    const results = validateText(MANUAL, rules);
    expect(results.map((r) => [r.rule, r.severity, r.line, r.column])).toEqual([
      [RULE_FAILURE_ID, 'error', 1, 1],
      ['TS002', 'warning', ...Object.values(idPosition(MANUAL, 'proxy'))],
    ]);
    expect(results[0]!.message).toContain('boom');
  });
});

const RULES_FIXTURE = [
  testRule('TS001', 'error'),
  testRule('TS002', 'warning'),
  testRule('TS003', 'info', undefined, { fix: { title: () => 'fix it', apply: (p) => p } }),
];
const RESULTS_FIXTURE: LocatedResult[] = [
  result({
    rule: 'TS002',
    severity: 'warning',
    line: 40,
    column: 9,
    message: 'warned',
    elements: [component('proxy')],
    docs: RULES_FIXTURE[1]!.docs,
  }),
  result({
    rule: 'TS001',
    line: 12,
    column: 9,
    message: 'broken',
    elements: [component('nextauth'), component('mysql')],
    docs: RULES_FIXTURE[0]!.docs,
  }),
  result({
    rule: 'TS001',
    line: 12,
    column: 9,
    message: 'accepted',
    elements: [component('nextauth')],
    docs: RULES_FIXTURE[0]!.docs,
    suppressed: { reason: 'agreed with ops' },
  }),
  result({ rule: 'TS003', severity: 'info', line: 1, column: 1, message: 'fyi', docs: RULES_FIXTURE[2]!.docs }),
  result({
    rule: 'unknown-key',
    severity: 'warning',
    line: 3,
    column: 3,
    message: 'unknown key "owner"',
    path: 'meta.owner',
  }),
];

describe('validate: text output', () => {
  it('prints FILE:LINE:COL severity ID message (docs), suppressed ones marked, then the summary', () => {
    expect(formatText('sub/acme.portolan.yaml', RESULTS_FIXTURE)).toBe(
      [
        'sub/acme.portolan.yaml:1:1 info TS003 fyi (https://docs.example.com/TS003)',
        'sub/acme.portolan.yaml:3:3 warning unknown-key unknown key "owner"',
        'sub/acme.portolan.yaml:12:9 error TS001 broken (https://docs.example.com/TS001)',
        'sub/acme.portolan.yaml:12:9 error TS001 accepted (https://docs.example.com/TS001) (suppressed: agreed with ops)',
        'sub/acme.portolan.yaml:40:9 warning TS002 warned (https://docs.example.com/TS002)',
        '1 error, 2 warnings, 1 info, 1 suppressed',
        '',
      ].join('\n'),
    );
  });

  it('the summary counts suppressed results only as suppressed, with plurals', () => {
    expect(summaryLine({ error: 0, warning: 0, info: 0, suppressed: 0 })).toBe(
      '0 errors, 0 warnings, 0 infos, 0 suppressed',
    );
    expect(summaryLine({ error: 3, warning: 1, info: 2, suppressed: 2 })).toBe(
      '3 errors, 1 warning, 2 infos, 2 suppressed',
    );
    expect(formatText('x', [])).toBe('0 errors, 0 warnings, 0 infos, 0 suppressed\n');
  });
});

describe('validate: JSON output', () => {
  it('has file, summary and sorted diagnostics with every field', () => {
    const json = JSON.parse(JSON.stringify(toJson('acme.portolan.yaml', RESULTS_FIXTURE))) as JsonReport;
    expect(json.file).toBe('acme.portolan.yaml');
    expect(json.summary).toEqual({ error: 1, warning: 2, info: 1, suppressed: 1 });
    expect(json.diagnostics.map((d) => `${d.line}:${d.column} ${d.rule}`)).toEqual([
      '1:1 TS003',
      '3:3 unknown-key',
      '12:9 TS001',
      '12:9 TS001',
      '40:9 TS002',
    ]);
    expect(json.diagnostics[2]).toEqual({
      rule: 'TS001',
      severity: 'error',
      message: 'broken',
      line: 12,
      column: 9,
      elements: [component('nextauth'), component('mysql')],
      docs: { url: 'https://docs.example.com/TS001', section: 'Section TS001' },
    });
    expect(json.diagnostics[3]).toMatchObject({ message: 'accepted', suppressed: { reason: 'agreed with ops' } });
    expect(json.diagnostics[1]).toEqual({
      rule: 'unknown-key',
      severity: 'warning',
      message: 'unknown key "owner"',
      line: 3,
      column: 3,
      elements: [],
      path: 'meta.owner',
    });
  });
});

describe('validate: SARIF output', () => {
  const log = toSarif('sub\\acme.portolan.yaml', RESULTS_FIXTURE, RULES_FIXTURE, '9.8.7');
  const run = log.runs[0];

  it('is a structurally valid SARIF 2.1.0 log', () => {
    expect(sarifShapeErrors(JSON.parse(JSON.stringify(log)))).toEqual([]);
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
  });

  it('describes every rule first, then the other ids among the results', () => {
    expect(run.tool.driver).toMatchObject({ name: 'Portolan', version: '9.8.7' });
    expect(run.tool.driver.informationUri).toMatch(/^https:\/\//);
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(['TS001', 'TS002', 'TS003', 'unknown-key']);
    expect(run.tool.driver.rules[0]).toEqual({
      id: 'TS001',
      name: 'test-rule-ts001',
      shortDescription: { text: 'Test rule TS001' },
      fullDescription: { text: 'Because TS001 says so.' },
      helpUri: 'https://docs.example.com/TS001',
      defaultConfiguration: { level: 'error' },
    });
    expect(run.tool.driver.rules.map((r) => r.defaultConfiguration?.level)).toEqual([
      'error',
      'warning',
      'note',
      undefined,
    ]);
  });

  it('has one result per finding, sorted, with level, location and ruleIndex', () => {
    expect(run.results.map((r) => [r.ruleId, r.ruleIndex, r.level])).toEqual([
      ['TS003', 2, 'note'],
      ['unknown-key', 3, 'warning'],
      ['TS001', 0, 'error'],
      ['TS001', 0, 'error'],
      ['TS002', 1, 'warning'],
    ]);
    expect(run.results[2]).toEqual({
      ruleId: 'TS001',
      ruleIndex: 0,
      level: 'error',
      message: { text: 'broken' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'sub/acme.portolan.yaml' },
            region: { startLine: 12, startColumn: 9 },
          },
        },
      ],
    });
  });

  it('keeps suppressed results, with an in-source suppression and its justification', () => {
    expect(run.results.filter((r) => r.suppressions).map((r) => [r.message.text, r.suppressions])).toEqual([
      ['accepted', [{ kind: 'inSource', justification: 'agreed with ops' }]],
    ]);
  });

  it('the structural check rejects what the schema forbids (so passing it means something)', () => {
    const broken = JSON.parse(JSON.stringify(log)) as {
      runs: { tool: { driver: Record<string, unknown> }; results: Record<string, unknown>[] }[];
    } & Record<string, unknown>;
    broken.extra = true;
    const [r0, r1, r2, r3] = broken.runs[0]!.results;
    r0!.level = 'info';
    delete r1!.message;
    r2!.ruleIndex = 1;
    r3!.suppressions = [{ justification: 'no kind' }];
    (r3!.locations as { physicalLocation: { region: { startLine: number } } }[])[0]!.physicalLocation.region.startLine =
      0;
    broken.runs[0]!.tool.driver.helpUri = 'not a uri';
    expect(sarifShapeErrors(broken)).toEqual([
      '$.extra: not a log property',
      '$.runs[0].tool.driver.helpUri: not a toolComponent property',
      '$.runs[0].results[0].level: level info',
      '$.runs[0].results[1].message: required',
      '$.runs[0].results[1].message: not an object',
      '$.runs[0].results[2].ruleIndex: does not point at rule TS001',
      '$.runs[0].results[3].locations[0].physicalLocation.region.startLine: not an integer >= 1',
      '$.runs[0].results[3].suppressions[0].kind: required',
      '$.runs[0].results[3].suppressions[0].kind: undefined',
    ]);
    expect(sarifShapeErrors({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } } }] })).toEqual([]);
    expect(
      sarifShapeErrors(toSarif('a b\\c.yaml', [], [], '1')).concat(
        sarifShapeErrors({ ...toSarif('a.yaml', [], [], '1'), version: '2.0.0' }),
      ),
    ).toEqual(['$.version: 2.0.0']);
  });

  it('describes a failed rule (NA000) so its result still has a ruleIndex', () => {
    const failed = toSarif('a.yaml', [result({ rule: RULE_FAILURE_ID, line: 1, column: 1 })], RULES_FIXTURE, '1.0.0');
    expect(failed.runs[0].tool.driver.rules[3]).toMatchObject({ id: RULE_FAILURE_ID, name: 'rule-failure' });
    expect(failed.runs[0].results[0]).toMatchObject({ ruleId: RULE_FAILURE_ID, ruleIndex: 3 });
    expect(sarifShapeErrors(failed)).toEqual([]);
  });

  it('lists every rule of the real registry, whatever their number', () => {
    const real = toSarif('a.yaml', [], RULES, '1.0.0');
    expect(real.runs[0].tool.driver.rules.map((r) => r.id)).toEqual(RULES.map((r) => r.id));
    expect(sarifShapeErrors(real)).toEqual([]);
  });

  it('turns file paths into URI references: forward slashes, percent-encoding, file: for absolute paths', () => {
    expect(toSarifUri('acme.portolan.yaml')).toBe('acme.portolan.yaml');
    expect(toSarifUri('deploy\\customer a\\acme.portolan.yaml')).toBe('deploy/customer%20a/acme.portolan.yaml');
    expect(toSarifUri('../x#1?.yaml')).toBe('../x%231%3F.yaml');
    expect(toSarifUri('/srv/p/acme.portolan.yaml')).toBe('file:///srv/p/acme.portolan.yaml');
    expect(toSarifUri('C:\\p\\acme.portolan.yaml')).toBe('file:///C:/p/acme.portolan.yaml');
    expect(toSarifUri('données/é.yaml')).toBe('donn%C3%A9es/%C3%A9.yaml');
  });

  // The official schema (SchemaStore's draft-07 copy of the OASIS SARIF 2.1.0 schema) is not in
  // this repository nor in ../shared/schemas/ yet, and cannot be downloaded here. When it is added
  // there as sarif-2.1.0.json, this test validates the output against it.
  const SARIF_SCHEMA = resolve('../shared/schemas/sarif-2.1.0.json');
  it.skipIf(!existsSync(SARIF_SCHEMA))('validates against the official SARIF 2.1.0 schema (ajv)', () => {
    const schema = JSON.parse(readFileSync(SARIF_SCHEMA, 'utf8')) as object;
    // ajv-formats is not installed: formats (uri, uri-reference) are checked by sarifShapeErrors.
    const check = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(schema);
    for (const sample of [log, toSarif('a.yaml', [], RULES, '1.0.0')]) {
      check(JSON.parse(JSON.stringify(sample)));
      expect(check.errors ?? []).toEqual([]);
    }
  });
});

describe('rules: in process', () => {
  it('text output is one aligned row per rule under a header', () => {
    const rules = [
      testRule('TS001', 'error', undefined, { title: 'Short' }),
      testRule('TS012', 'info', undefined, { title: 'A much longer title' }),
    ];
    expect(formatRulesText(rules)).toBe(
      [
        'ID     SEVERITY  TITLE                DOCS',
        'TS001  error     Short                https://docs.example.com/TS001',
        'TS012  info      A much longer title  https://docs.example.com/TS012',
        '',
      ].join('\n'),
    );
  });

  it('JSON output has id, name, severity, title, why, docs and fixable', () => {
    expect(rulesJson(RULES_FIXTURE)).toEqual([
      {
        id: 'TS001',
        name: 'test-rule-ts001',
        severity: 'error',
        title: 'Test rule TS001',
        why: 'Because TS001 says so.',
        docs: { url: 'https://docs.example.com/TS001', section: 'Section TS001' },
        fixable: false,
      },
      expect.objectContaining({ id: 'TS002', fixable: false }),
      expect.objectContaining({ id: 'TS003', severity: 'info', fixable: true }),
    ]);
    const io = memoryIo();
    expect(listRules('json', io, RULES_FIXTURE)).toBe(0);
    expect(JSON.parse(io.stdout)).toEqual(rulesJson(RULES_FIXTURE));
  });
});

// --- the command, in process (rules injected) and as users run it (the built bin) ---------------------

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'portolan-validate-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('validate: exit codes in process', () => {
  const withSuppression = `${MANUAL}suppressions:\n  - { rule: TS001, element: proxy, reason: accepted }\n`;
  const errorRule = testRule('TS001', 'error', () => [{ message: 'broken', elements: [component('proxy')] }]);
  const warningRule = testRule('TS002', 'warning', () => [{ message: 'meh', elements: [component('nextauth')] }]);

  it('exits 1 with an unsuppressed error, 0 when it is suppressed or only warnings remain', async () => {
    writeFileSync(join(dir, 'plain.portolan.yaml'), MANUAL);
    writeFileSync(join(dir, 'suppressed.portolan.yaml'), withSuppression);
    const io = memoryIo();
    expect(await validate(join(dir, 'plain.portolan.yaml'), 'text', io, [errorRule])).toBe(1);
    expect(await validate(join(dir, 'suppressed.portolan.yaml'), 'text', io, [errorRule])).toBe(0);
    expect(await validate(join(dir, 'plain.portolan.yaml'), 'text', io, [warningRule])).toBe(0);
    expect(io.stderr).toBe('');
  });

  it('an unreadable file exits 2 with FILE:1:1 code message on stderr', async () => {
    const io = memoryIo();
    expect(await validate('no-such.portolan.yaml', 'text', io, [errorRule])).toBe(2);
    expect(io).toMatchObject({ stdout: '', stderr: expect.stringMatching(/^no-such\.portolan\.yaml:1:1 not-found /) });
  });

  it('an unreadable file still prints a complete JSON / SARIF document, holding the read error (exit 2)', async () => {
    const json = memoryIo();
    expect(await validate('no-such.portolan.yaml', 'json', json, [errorRule])).toBe(2);
    expect(json.stderr).toMatch(/^no-such\.portolan\.yaml:1:1 not-found /);
    const report = JSON.parse(json.stdout) as JsonReport;
    expect(report).toMatchObject({
      file: 'no-such.portolan.yaml',
      summary: { error: 1, warning: 0, info: 0, suppressed: 0 },
      diagnostics: [{ rule: 'not-found', severity: 'error', line: 1, column: 1, elements: [] }],
    });
    expect(report.diagnostics[0]!.message).toMatch(/does not exist/);

    const sarif = memoryIo();
    expect(await validate('no-such.portolan.yaml', 'sarif', sarif, [errorRule])).toBe(2);
    const log = JSON.parse(sarif.stdout) as SarifLog;
    expect(sarifShapeErrors(log)).toEqual([]);
    expect(log.runs[0].results).toEqual([
      expect.objectContaining({ ruleId: 'not-found', ruleIndex: 1, level: 'error' }),
    ]);
  });
});

describe('portolan validate / rules (built bin)', () => {
  const BIN = resolve('bin/portolan.mjs');
  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  const SUMMARY = /^\d+ errors?, \d+ warnings?, \d+ infos?, \d+ suppressed$/;

  beforeAll(() => {
    if (!existsSync(resolve('out/cli/portolan.js')))
      throw new Error('out/cli is missing: run `npm run build:cli` before the CLI tests');
    expect(run('new', '--template', 'manual', 'acme.portolan.yaml').code).toBe(0);
  });

  it('a template validates with exit 0 and ends with the summary line', () => {
    const r = run('validate', 'acme.portolan.yaml');
    expect(r).toMatchObject({ code: 0, err: '' });
    const lines = r.out.trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(SUMMARY);
    expect(lines.at(-1)).toMatch(/^0 errors, /);
    for (const line of lines.slice(0, -1))
      expect(line).toMatch(/^acme\.portolan\.yaml:\d+:\d+ (warning|info|error) \S+ /);
  });

  it('--format json and --format sarif print one document each', () => {
    const json = run('validate', '--format', 'json', 'acme.portolan.yaml');
    expect(json.code).toBe(0);
    const report = JSON.parse(json.out) as JsonReport;
    expect(report).toMatchObject({ file: 'acme.portolan.yaml', summary: { error: 0 } });
    expect(Array.isArray(report.diagnostics)).toBe(true);

    const sarif = run('validate', '--format', 'sarif', 'acme.portolan.yaml');
    expect(sarif.code).toBe(0);
    const log = JSON.parse(sarif.out) as SarifLog;
    expect(sarifShapeErrors(log)).toEqual([]);
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(log.runs[0].tool.driver.version).toBe(version);
    expect(log.runs[0].tool.driver.rules.map((r) => r.id)).toEqual(RULES.map((r) => r.id));
  });

  it('a file with format errors exits 1, in every format', () => {
    const text = readFileSync(join(dir, 'acme.portolan.yaml'), 'utf8');
    const lines = text.split('\n');
    const kindLine = lines.findIndex((l) => l.includes('kind: redis'));
    lines[kindLine] = lines[kindLine]!.replace('redis', 'rediss');
    mkdirSync(join(dir, 'sub'), { recursive: true });
    writeFileSync(join(dir, 'sub', 'bad.portolan.yaml'), lines.join('\n'));

    const r = run('validate', 'sub/bad.portolan.yaml');
    expect(r.code).toBe(1);
    expect(r.out).toBe(
      `sub/bad.portolan.yaml:${kindLine + 1}:11 error unknown-kind unknown component kind "rediss"\n` +
        '1 error, 0 warnings, 0 infos, 0 suppressed\n',
    );

    const json = run('validate', '--format', 'json', 'sub/bad.portolan.yaml');
    expect(json.code).toBe(1);
    expect((JSON.parse(json.out) as JsonReport).diagnostics).toEqual([
      expect.objectContaining({ rule: 'unknown-kind', severity: 'error', line: kindLine + 1, column: 11 }),
    ]);

    const sarif = run('validate', '--format', 'sarif', 'sub/bad.portolan.yaml');
    expect(sarif.code).toBe(1);
    const log = JSON.parse(sarif.out) as SarifLog;
    expect(sarifShapeErrors(log)).toEqual([]);
    expect(log.runs[0].results).toEqual([
      expect.objectContaining({
        ruleId: 'unknown-kind',
        ruleIndex: RULES.length,
        level: 'error',
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'sub/bad.portolan.yaml' },
              region: { startLine: kindLine + 1, startColumn: 11 },
            },
          },
        ],
      }),
    ]);

    writeFileSync(join(dir, 'syntax.portolan.yaml'), 'format: 1\nmeta: [\n');
    expect(run('validate', 'syntax.portolan.yaml')).toMatchObject({
      code: 1,
      out: expect.stringMatching(/^syntax\.portolan\.yaml:\d+:\d+ error yaml-syntax /),
    });
  });

  it('an unreadable file exits 2 with FILE:1:1 code message on stderr', () => {
    expect(run('validate', 'missing.portolan.yaml')).toMatchObject({
      code: 2,
      out: '',
      err: expect.stringMatching(/^missing\.portolan\.yaml:1:1 not-found /),
    });
    mkdirSync(join(dir, 'folder.portolan.yaml'), { recursive: true });
    const sarif = run('validate', '--format', 'sarif', 'folder.portolan.yaml');
    expect(sarif).toMatchObject({ code: 2, err: expect.stringContaining('is-directory') });
    // Machine formats always print one complete document: the read error is a result in it.
    const log = JSON.parse(sarif.out) as SarifLog;
    expect(sarifShapeErrors(log)).toEqual([]);
    expect(log.runs[0].results.map((r) => [r.ruleId, r.level])).toEqual([['is-directory', 'error']]);
    const json = run('validate', '--format', 'json', 'missing.portolan.yaml');
    expect(json.code).toBe(2);
    expect((JSON.parse(json.out) as JsonReport).diagnostics.map((d) => d.rule)).toEqual(['not-found']);
  });

  it('usage mistakes exit 2 with a hint', () => {
    for (const args of [
      ['validate', '--format', 'bogus', 'acme.portolan.yaml'],
      ['validate'],
      ['rules', '--format', 'sarif'],
      ['rules', 'extra-argument'],
    ]) {
      const r = run(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toContain('portolan --help');
    }
  });

  it('rules lists every rule id of the registry, and --help names both commands', () => {
    const r = run('rules');
    expect(r.code).toBe(0);
    const rows = r.out.trimEnd().split('\n');
    expect(rows[0]).toMatch(/^ID\s+SEVERITY\s+TITLE\s+DOCS$/);
    expect(rows.slice(1).map((row) => row.split(/\s+/)[0])).toEqual(RULES.map((rule) => rule.id));
    const help = run('--help').out;
    expect(help).toContain('validate');
    expect(help).toContain('rules');
  });

  it('rules --format json parses and matches the registry', () => {
    const r = run('rules', '--format', 'json');
    expect(r.code).toBe(0);
    const rules = JSON.parse(r.out) as RuleInfo[];
    expect(rules.map((rule) => rule.id)).toEqual(RULES.map((rule) => rule.id));
    for (const rule of rules) {
      expect(Object.keys(rule).sort()).toEqual(['docs', 'fixable', 'id', 'name', 'severity', 'title', 'why']);
      expect(typeof rule.fixable).toBe('boolean');
      expect(rule.docs.url).toMatch(/^https:\/\//);
    }
  });
});
