export * from './derive';
export * from './override';
export * from './instances';
export * from './uri';
