import { printable } from '../../shared/model/printable';
import { getTemplate } from '../../shared/templates/index';
import { TargetExistsError, writeFileAtomic } from '../node/files';
import { EXIT, type ExitCode, type Io } from './io';

export async function newProject(file: string, templateId: string, force: boolean, io: Io): Promise<ExitCode> {
  const template = getTemplate(templateId);
  if (template === undefined) {
    io.err(`unknown template "${printable(templateId)}"\n`);
    return EXIT.unusable;
  }
  try {
    await writeFileAtomic(file, template.text, { overwrite: force });
  } catch (error) {
    if (error instanceof TargetExistsError) {
      io.err(`${printable(error.message)}\n`);
      return EXIT.unusable;
    }
    io.err(`cannot write ${printable(file)}: ${printable((error as Error).message)}\n`);
    return EXIT.unusable;
  }
  io.out(`${printable(file)}: created from the "${template.title}" template\n`);
  return EXIT.ok;
}
