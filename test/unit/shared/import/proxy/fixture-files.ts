/**
 * The proxy fixtures (test/fixtures/import/proxy) as the importer sees files: `readFile` by a
 * path relative to the fixture folder, `undefined` for a file that is not there.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ReadFile } from '../../../../../shared/import/proxy/types';

export const FIXTURES = fileURLToPath(new URL('../../../../fixtures/import/proxy/', import.meta.url));

export const fixtureText = (path: string): string => readFileSync(`${FIXTURES}${path}`, 'utf8');

export const readFixture: ReadFile = (path) => {
  try {
    return fixtureText(path);
  } catch {
    return undefined;
  }
};
