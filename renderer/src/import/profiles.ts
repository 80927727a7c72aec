/**
 * Profile names typed into the import dialog's chip field: several may be typed at once
 * (separated by commas or spaces), each must be a name compose accepts, and each is kept once.
 */
import { MAX_IMPORT_PROFILES } from '../../../shared/ipc/contract';
import { PROFILE_NAME_PATTERN } from '../../../shared/model/constraints';

export interface ProfileInput {
  readonly profiles: readonly string[];
  /** Words that are no profile name, as typed. */
  readonly rejected: readonly string[];
}

export function addProfiles(current: readonly string[], typed: string): ProfileInput {
  const profiles = [...current];
  const rejected: string[] = [];
  for (const word of typed.split(/[\s,]+/).filter((w) => w.length > 0)) {
    if (!PROFILE_NAME_PATTERN.test(word) || profiles.length >= MAX_IMPORT_PROFILES) rejected.push(word);
    else if (!profiles.includes(word)) profiles.push(word);
  }
  return { profiles, rejected };
}
