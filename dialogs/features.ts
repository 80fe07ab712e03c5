import type { FeatureFactory } from './conversationServices.js';
import { conversationFeature } from './features/conversationFeature.js';
import { exitInterviewFeature } from './features/exitInterviewFeature.js';
import { governanceFeature } from './features/governanceFeature.js';
import { newPartnershipFeature } from './features/newPartnershipFeature.js';
import { practiceFeature } from './features/practiceFeature.js';
import { registerFeature } from './features/registerFeature.js';
import { reminderFeature } from './features/reminderFeature.js';
import { reportFeature } from './features/reportFeature.js';
import { roleFeature } from './features/roleFeature.js';
import { selfAssessmentFeature } from './features/selfAssessmentFeature.js';
import { statusFeature } from './features/statusFeature.js';

/**
 * Everything the bot does, one line a feature. A feature declares its
 * questionnaire flows and routes in its own file; the help card lists their
 * entries in this order.
 */
export const FEATURES: FeatureFactory[] = [
  conversationFeature,
  newPartnershipFeature,
  selfAssessmentFeature,
  exitInterviewFeature,
  statusFeature,
  governanceFeature,
  reminderFeature,
  reportFeature,
  registerFeature,
  roleFeature,
  practiceFeature,
];
