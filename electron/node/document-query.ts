/**
 * Main asking the page for its document (dirty flag and text) before the window closes or
 * another file replaces it, and acting on the unsaved-changes answer. The page answers a
 * `document:query` event with a `document:snapshot` call; a page that does not answer in time
 * (hung, or not wired yet) is treated as dirty-but-unsavable when it last said it was dirty.
 */
import { randomUUID } from 'node:crypto';
import type { DocumentSnapshot } from '../../shared/ipc/index';
import {
  choiceFor,
  decideUnsaved,
  unsavedPrompt,
  type DocumentStatus,
  type UnsavedPrompt,
  type UnsavedReason,
} from './unsaved';

export const QUERY_TIMEOUT_MS = 3000;

export interface DocumentQueries {
  /** Sends a query and waits for the answer; null when none came in time. */
  request(): Promise<DocumentSnapshot | null>;
  /** Delivers a `document:snapshot` call; false when nobody asked for it. */
  answer(snapshot: DocumentSnapshot): boolean;
}

export function createDocumentQueries(options: {
  readonly send: (requestId: string) => void;
  readonly timeoutMs?: number;
}): DocumentQueries {
  const waiting = new Map<string, (snapshot: DocumentSnapshot | null) => void>();
  return {
    request() {
      const requestId = randomUUID();
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiting.delete(requestId);
          resolve(null);
        }, options.timeoutMs ?? QUERY_TIMEOUT_MS);
        waiting.set(requestId, (snapshot) => {
          clearTimeout(timer);
          waiting.delete(requestId);
          resolve(snapshot);
        });
        options.send(requestId);
      });
    },
    answer(snapshot) {
      const resolve = waiting.get(snapshot.requestId);
      if (resolve === undefined) return false;
      resolve(snapshot);
      return true;
    },
  };
}

export interface UnsavedFlow {
  readonly reason: UnsavedReason;
  readonly queries: Pick<DocumentQueries, 'request'>;
  /** What the page last reported through `document:state` (used when the query times out). */
  readonly lastKnownDirty: boolean;
  /** Shows the prompt; resolves to the index of the button pressed. */
  readonly ask: (prompt: UnsavedPrompt) => Promise<number>;
  /** Saves the snapshot's text; resolves to false when the save was cancelled or failed. */
  readonly save: (snapshot: DocumentSnapshot) => Promise<boolean>;
  readonly displayName: (snapshot: DocumentSnapshot | null) => string | null;
}

export interface UnsavedOutcome {
  /** The caller may close or replace the document. */
  readonly proceed: boolean;
  /** The page answered, so its state is known (a crash journal may be dropped on proceeding). */
  readonly answered: boolean;
}

/** Runs the unsaved-changes check: asks the page, prompts when work would be lost, saves if chosen. */
export async function confirmUnsaved(flow: UnsavedFlow): Promise<UnsavedOutcome> {
  const snapshot = await flow.queries.request();
  const status: DocumentStatus = {
    dirty: snapshot === null ? flow.lastKnownDirty : snapshot.dirty,
    canSave: snapshot !== null && snapshot.text !== null,
    name: flow.displayName(snapshot),
  };
  const prompt = unsavedPrompt(status, flow.reason);
  const choice = prompt === null ? null : choiceFor(prompt, await flow.ask(prompt));
  const decision = decideUnsaved(status, choice);
  const answered = snapshot !== null;
  if (decision === 'proceed') return { proceed: true, answered };
  if (decision === 'stay' || snapshot === null) return { proceed: false, answered };
  return { proceed: await flow.save(snapshot), answered };
}
