import { z } from 'zod';
import { words } from '../../src/validation/cardFields.js';
import type { FeatureFactory } from '../conversationServices.js';
import { RoleAssignment } from '../roleAssignment.js';
import { defineRoute } from '../routing/route.js';

/** The Strategic Partnership Officer gives people roles. */
export const roleFeature: FeatureFactory = ({ people, banks }) => {
  const roles = new RoleAssignment(people, banks);
  return {
    routes: [
      // "make Helen Ward assistant director for communities"
      defineRoute({
        verb: 'assignRole',
        scope: 'anywhere',
        schema: z.object({ personName: words(150), role: z.enum(['ad', 'spo', 'leadership']), area: words(150).optional() }),
        handle: (turn, request) => roles.handle(turn.context, turn.person, request),
      }),
    ],
  };
};
