import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { composeLiteral, referencesIn } from '../../../../shared/export/plan-env';
import { escapeReferences, isEscapedAt, unescapeReferences } from '../../../../shared/model/literal-text';
import { checkProject } from '../../../../shared/rules/index';
import { setEnv, template } from '../../../support/fixtures';

// `$${…}` in a literal is the text `${…}` (compose's escape); `${NAME}` is a reference to `.env`.

/** What compose makes of a value written in docker-compose.yml: `$$` → `$`, `${NAME}` → env[NAME]. */
function composeReads(text: string, env: Readonly<Record<string, string>>): string {
  return text.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (m, name: string | undefined) =>
    m === '$$' ? '$' : (env[name!] ?? ''),
  );
}

describe('escaped references in literals', () => {
  it('isEscapedAt, escape and unescape', () => {
    expect(isEscapedAt('$${A}', 1)).toBe(true);
    expect(isEscapedAt('${A}', 0)).toBe(false);
    expect(escapeReferences('per ${UNIT} and $5')).toBe('per $${UNIT} and $5');
    expect(unescapeReferences('per $${UNIT}')).toBe('per ${UNIT}');
  });

  it('compose reads back exactly the text an escaped literal stands for', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('$', '{', '}', 'A', 'x', ' ', '-') }), (text) => {
        expect(composeReads(composeLiteral(escapeReferences(text), new Set(['A'])), { A: 'value' })).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('a reference to .env stays one; an escaped one is text', () => {
    expect(composeLiteral('costs $5 per $${UNIT}, key ${KEY}', new Set(['KEY']))).toBe(
      'costs $$5 per $${UNIT}, key ${KEY}',
    );
    expect(referencesIn('$${UNIT} ${KEY} $$${X}')).toEqual(['KEY']);
  });

  it('NA032 reports ${UNIT} that nothing defines, not $${UNIT}', () => {
    const na032 = (value: string) =>
      checkProject(setEnv(template('manual'), 'mgmt', 'PRICE_NOTE', value)).filter((d) => d.rule === 'NA032');
    expect(na032('per ${UNIT}')).toHaveLength(1);
    expect(na032('per $${UNIT}')).toEqual([]);
    expect(na032('per $${not a name}')).toEqual([]);
  });
});
