/**
 * `npm run bench`: prints one JSON object. Every entry is a median over repeated runs next to
 * a baseline measured in the same process, with the ratio between them.
 */
import { parseDocument } from 'yaml';
import { loadProject, saveProject } from '../shared/format/index';
import { generateProject } from './generate';
import { compare, type Comparison } from './harness';

function formatRoundTrip(): Comparison {
  const text = saveProject(generateProject(1000));
  const check = loadProject(text);
  if (!check.ok || check.project.components.length !== 1000) throw new Error('benchmark fixture does not load');
  return compare(
    'load (parse + validate) and save a generated 1,000-component project',
    () => {
      const result = loadProject(text);
      if (!result.ok) throw new Error('fixture stopped loading');
      return saveProject(result.project);
    },
    'bare yaml parseDocument of the same text',
    () => parseDocument(text),
    30,
  );
}

const results = {
  formatRoundTrip: formatRoundTrip(),
};

process.stdout.write(
  `${JSON.stringify({ node: process.version, platform: `${process.platform}-${process.arch}`, results }, null, 2)}\n`,
);
