export * from './chord';
export * from './keys';
export * from './menu';
export * from './registry';
