/** Replaced at build time with package.json's version (see vite.cli.config.ts). */
declare const __PORTOLAN_VERSION__: string;
