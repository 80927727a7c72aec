import { fileURLToPath } from 'node:url';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { CERT_DIR_PROBLEMS, certDirProblem } from '../../shared/model/constraints';
import { printable, printableLines } from '../../shared/model/printable';
import type { ProxyFlavour } from '../../shared/model/types';
import { TEMPLATE_IDS } from '../../shared/templates/index';
import { DEFAULT_PORT, start } from '../node/launch';
import { checkFormat } from './check-format';
import { EXPORT_TARGET_IDS, exportCommand, PROXY_FLAVOURS, type ExportTarget } from './export';
import { EXIT, processIo, type ExitCode, type Io } from './io';
import { newProject } from './new';
import { PAPERS, type Paper } from '../node/render-pdf';
import { MAX_PNG_SCALE } from '../../shared/render/picture-size';
import { renderCommand, RENDER_FORMATS, THEMES, VIEWS, type RenderFormat } from './render';
import { importCommand, IMPORT_FORMATS, type ImportFormat } from './import';
import type { PictureTheme, PictureView } from '../../shared/render/types';
import { listRules, RULES_FORMATS, type RulesFormat } from './rules';
import { validate, VALIDATE_FORMATS, type ValidateFormat } from './validate';

/** The project root: this file lives in electron/cli (source) or out/cli (bundle). */
const APP_ROOT = fileURLToPath(new URL('../..', import.meta.url));

function parseScale(value: string): number {
  const scale = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !(scale > 0 && scale <= MAX_PNG_SCALE))
    throw new InvalidArgumentError(`"${value}" is not a scale (a number more than 0, at most ${MAX_PNG_SCALE}).`);
  return scale;
}

/** Commander's accumulator for a repeatable option. */
function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new InvalidArgumentError(`"${value}" is not a port number (0-65535).`);
  return port;
}

/**
 * `--cert-dir`: the folder is written into the compose file (a read-only mount) and every proxy
 * configuration, so the one test in constraints decides (`certDirProblem`, shared with the
 * export dialog). A refusal is a usage error (exit 2) that names its code and says why.
 */
function parseCertDir(value: string): string {
  const problem = certDirProblem(value);
  if (problem !== undefined)
    throw new InvalidArgumentError(
      `cert-dir-${problem}: the folder ${JSON.stringify(value)} ${CERT_DIR_PROBLEMS[problem]}.`,
    );
  return value.replace(/(.)\/+$/, '$1');
}

/**
 * Runs the `portolan` command line and resolves to its exit code: 0 success, 1 problems
 * found, 2 unreadable input or wrong usage. `serve` and `start` keep running after
 * resolving, until the process is interrupted.
 */
export async function main(argv: readonly string[], io: Io = processIo): Promise<ExitCode> {
  let code: ExitCode = EXIT.ok;
  const program = new Command()
    .name('portolan')
    .description('Design, check and export nextAuth server deployments.')
    .version(__PORTOLAN_VERSION__, '-v, --version')
    .exitOverride()
    // Commander echoes what was typed (`unknown option '…'`): its output is printable like every other line.
    .configureOutput({
      writeOut: (text) => io.out(printableLines(text)),
      writeErr: (text) => io.err(printableLines(text)),
    })
    .showHelpAfterError('(run portolan --help for usage)');

  program
    .command('new')
    .description('create a project file from a template')
    .addOption(new Option('-t, --template <id>', 'template to start from').choices(TEMPLATE_IDS).makeOptionMandatory())
    .option('-f, --force', 'replace FILE if it exists', false)
    .argument('<file>', 'project file to create, e.g. acme.portolan.yaml')
    .action(async (file: string, opts: { template: string; force: boolean }) => {
      code = await newProject(file, opts.template, opts.force, io);
    });

  program
    .command('check-format')
    .description('check that FILE is a well-formed project file (FILE:LINE:COL code message per problem)')
    .argument('<file>', 'project file')
    .action(async (file: string) => {
      code = await checkFormat(file, io);
    });

  program
    .command('validate')
    .description('check FILE against the nextAuth network rules (FILE:LINE:COL severity rule message per finding)')
    .addOption(
      new Option('--format <format>', 'output: text for people, json for scripts, sarif for code scanning')
        .choices(VALIDATE_FORMATS)
        .default('text'),
    )
    .argument('<file>', 'project file')
    .action(async (file: string, opts: { format: ValidateFormat }) => {
      code = await validate(file, opts.format, io);
    });

  program
    .command('export')
    .description(
      'write docker-compose.yml, .env, the reverse-proxy configuration and DEPLOYMENT.md for FILE (with --target kubernetes: a kustomize base, an overlay and secrets/; with --target swarm: a stack file, its configs and secrets/)',
    )
    .requiredOption('-o, --out <dir>', 'folder to write into (created when missing)')
    .addOption(
      new Option(
        '--target <target>',
        'compose (docker-compose.yml, .env, proxy configuration), kubernetes (kustomize base and overlay, secrets/ apart) or swarm (stack.yml for docker stack deploy, secrets/ apart)',
      )
        .choices(EXPORT_TARGET_IDS)
        .default('compose'),
    )
    .addOption(
      new Option('--proxy <flavour>', 'reverse proxy to configure, replacing the flavour in the project').choices(
        PROXY_FLAVOURS,
      ),
    )
    .option(
      '--cert-dir <dir>',
      'folder inside the proxy container where HOST.crt and HOST.key are found (default /etc/portolan/certs)',
      parseCertDir,
    )
    .option('--allow-errors', 'export despite checker errors (DEPLOYMENT.md lists them)', false)
    .option(
      '--overwrite',
      'replace the files of an earlier export; its .env is merged: every value in it is kept, only missing ones are generated',
      false,
    )
    .option('-f, --force', 'deprecated: --allow-errors and --overwrite together', false)
    .argument('<file>', 'project file')
    .action(
      async (
        file: string,
        opts: {
          out: string;
          target: ExportTarget;
          proxy?: ProxyFlavour;
          certDir?: string;
          allowErrors: boolean;
          overwrite: boolean;
          force: boolean;
        },
      ) => {
        code = await exportCommand(file, opts, io);
      },
    );

  program
    .command('render')
    .description('draw FILE as an SVG, PNG or PDF picture that carries the project (FILE may be such a picture)')
    .addOption(
      new Option('--format <format>', 'picture format (default: from --out, else svg)').choices(RENDER_FORMATS),
    )
    .option('-o, --out <file>', 'picture to write (default: beside FILE, named after it)')
    .addOption(new Option('--theme <theme>', 'colours').choices(THEMES).default('light'))
    .addOption(
      new Option('--view <view>', 'full: everything; overview: components, zones and public URLs')
        .choices(VIEWS)
        .default('full'),
    )
    .option('--scale <n>', `PNG: pixels per unit, up to ${MAX_PNG_SCALE} (2 for a sharp slide)`, parseScale, 1)
    .addOption(
      new Option('--paper <size>', "PDF: page size; fit makes the page the picture's size")
        .choices(PAPERS)
        .default('a4'),
    )
    .option('--landscape', 'PDF: turn the page', false)
    .option('--redact', 'replace host names, addresses, the registry, values and reasons with placeholders', false)
    .option('--flows', 'print the traffic flows of the deployment and exit', false)
    .argument('<file>', 'project file, or a picture Portolan exported')
    .action(
      async (
        file: string,
        opts: {
          format?: RenderFormat;
          out?: string;
          theme: PictureTheme;
          view: PictureView;
          scale: number;
          paper: Paper;
          landscape: boolean;
          redact: boolean;
          flows: boolean;
        },
      ) => {
        code = await renderCommand(file, opts, io);
      },
    );

  program
    .command('import')
    .description('turn existing compose files (+ .env, + reverse-proxy configs) into a checked, laid-out project file')
    .argument('<compose...>', 'compose files, merged in this order like docker compose -f a -f b')
    .requiredOption('-o, --out <file>', 'project file to write, e.g. acme.portolan.yaml')
    .option(
      '--env-file <file>',
      'variables to interpolate with (repeatable; default: the .env beside the first file)',
      collect,
      [],
    )
    // Variadic: a shell glob (`--proxy-config nginx.conf conf.d/*.conf`) expands to several
    // files, which all belong to the option, not to the compose files before it.
    .option(
      '--proxy-config <files...>',
      'nginx, HAProxy, Caddy or Traefik configurations to read routes from (several, or repeated)',
    )
    .option('--profile <name>', 'compose profile to activate (repeatable)', collect, [])
    .option('-f, --force', 'replace the output file if it exists', false)
    .addOption(new Option('--format <format>', 'report format').choices(IMPORT_FORMATS).default('text'))
    .action(
      async (
        compose: string[],
        opts: {
          out: string;
          envFile: string[];
          proxyConfig?: string[];
          profile: string[];
          force: boolean;
          format: ImportFormat;
        },
      ) => {
        code = await importCommand(compose, { ...opts, proxyConfig: opts.proxyConfig ?? [] }, io);
      },
    );

  program
    .command('rules')
    .description('list every rule with its id, severity, title and documentation link')
    .addOption(new Option('--format <format>', 'output format').choices(RULES_FORMATS).default('text'))
    .action((opts: { format: RulesFormat }) => {
      code = listRules(opts.format, io);
    });

  program
    .command('serve')
    .description('serve the editor in a browser on 127.0.0.1 (the web edition)')
    .option(
      '-p, --port <port>',
      `port to listen on (default ${DEFAULT_PORT}, or any free port when it is busy; 0 = any)`,
      parsePort,
    )
    .action(async (opts: { port?: number }) => {
      await start({
        appRoot: APP_ROOT,
        port: opts.port,
        electronBinary: null,
        log: (line) => io.out(`${printable(line)}\n`),
      });
    });

  program
    .command('start')
    .description('open the desktop app, or the web edition where the Electron runtime is not installed')
    .option('-p, --port <port>', 'port for the web edition', parsePort)
    .action(async (opts: { port?: number }) => {
      const started = await start({
        appRoot: APP_ROOT,
        port: opts.port,
        log: (line) => io.out(`${printable(line)}\n`),
      });
      if (started.mode === 'desktop') code = (await started.exited) === 0 ? EXIT.ok : EXIT.problems;
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version exit 0; every usage mistake is exit 2.
      return error.exitCode === 0 ? EXIT.ok : EXIT.unusable;
    }
    io.err(`portolan: ${printable((error as Error).message)}\n`);
    return EXIT.unusable;
  }
  return code;
}
