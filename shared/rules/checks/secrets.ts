/** Values that ship in examples and tutorials; a deployment must not keep them. */
const SAMPLES = new Set([
  'password',
  'passw0rd',
  'secret',
  'changeme',
  'change-me',
  'change_me',
  'example',
  'test',
  'admin',
  'root',
  'nextauth',
  '123456',
  '12345678',
  'default',
  'xxx',
  'todo',
  'your-license',
  'your_license',
  'license',
  'replace-me',
]);

export const isSample = (value: string): boolean => {
  const v = value
    .trim()
    .toLowerCase()
    .replace(/^<(.*)>$/, '$1');
  return SAMPLES.has(v) || /^x+$/.test(v) || /^your[-_ ]/.test(v);
};

// Which variables hold secrets is answered once, by `isSecretVariable` in shared/catalog/secrets
// (catalog mark, the name test `isSecretName` of shared/model/constraints, or a generated value).
