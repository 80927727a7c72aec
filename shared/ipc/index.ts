export * from './contract';
export * from './guards';
export * from './result';
