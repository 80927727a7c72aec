export * from './types';
export * from './ops';
export * from './placement';
export * from './container-ops';
