import type { Migration } from '../migration.js';
import { foundation } from './001-foundation.js';
import { operatorsAudit } from './002-operators-audit.js';
import { queue } from './003-queue.js';
import { dueIndexes } from './004-due-indexes.js';
import { stateCounts } from './005-state-counts.js';
import { keptAssetsIndex } from './006-kept-assets-index.js';
import { keyedAudit } from './007-keyed-audit.js';
import { shortReference } from './008-short-reference.js';
import { awaitingApproval } from './009-awaiting-approval.js';
import { faceDescriptors } from './010-face-descriptors.js';
import { expectedPeople } from './011-expected-people.js';
import { drafts } from './012-drafts.js';
import { handedOver } from './013-handed-over.js';
import { provisionedExpectedPeople } from './014-provisioned-expected-people.js';

/** Every schema change, in order. Append only: an applied migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [
  foundation,
  operatorsAudit,
  queue,
  dueIndexes,
  stateCounts,
  keptAssetsIndex,
  keyedAudit,
  shortReference,
  awaitingApproval,
  faceDescriptors,
  expectedPeople,
  drafts,
  handedOver,
  provisionedExpectedPeople,
];
