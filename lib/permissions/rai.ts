import type { Actor } from '../auth/permissions';
import { hasPermission, type Decision } from './decision';

/** The RAI reviewer is a committee member (the assessment is a decision, made by a person with that role). */
export function canRecordRaiAssessment(actor: Actor | null | undefined): Decision {
  return hasPermission(actor, 'record:rai-assessment');
}
