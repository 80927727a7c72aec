/**
 * Text of only line breaks and spaces survives a save and a load. yaml writes such text as a
 * block scalar whose lines hold only spaces, and reads it back without them (nothing tells the
 * block's indentation from the value's spaces); the writers double-quote it instead. Found by the
 * redaction property (an image of " \n").
 */
import { describe, expect, it } from 'vitest';
import { loadProject, saveProject } from '../../../../shared/format/index';
import { saveProjectWithYaml } from '../../../../shared/format/save';
import { emptyProject } from '../../../../shared/model/ops';
import type { ComponentId, Project } from '../../../../shared/model/types';

const BLANKS = [' \n', '  \n\n', '\t\n', '\n \n', ' \r\n', '\n\t \n ', '   \n\n\n'];

function loaded(text: string): Project {
  const result = loadProject(text);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.project;
}

describe('blank texts', () => {
  for (const blank of BLANKS) {
    it(`${JSON.stringify(blank)} comes back from a saved file, in the project and in a component`, () => {
      const base = emptyProject('blank');
      const project: Project = {
        ...base,
        meta: { name: 'blank', description: blank },
        components: [
          {
            id: 'nextauth' as ComponentId,
            kind: 'nextauth',
            name: 'nextauth',
            replicas: 1,
            properties: { host: 'auth.example.com' },
            environment: { NEXTAUTH_NOTE: { type: 'literal', value: blank } },
            portOverrides: {},
            publish: [],
            position: { x: 0, y: 0 },
          },
        ],
      };
      const text = saveProject(project);
      expect(text).toBe(saveProjectWithYaml(project));
      const back = loaded(text);
      expect(back.meta.description).toBe(blank);
      expect(back.components[0]!.environment.NEXTAUTH_NOTE).toEqual({ type: 'literal', value: blank });
      expect(saveProject(back)).toBe(text);
    });
  }
});
