import { z } from 'zod';
import { recordId, words } from '../../src/validation/cardFields.js';
import * as permissions from '../../src/permissions/permissions.js';
import type { FeatureFactory } from '../conversationServices.js';
import { RoleAssignment } from '../roleAssignment.js';
import { PendingApprovals } from '../pendingApprovals.js';
import { defineRoute } from '../routing/route.js';

const role = z.enum(['ad', 'spo', 'leadership']);
const roleRequest = z.object({ personName: words(150), role, area: words(150).optional(), personId: recordId.optional() });

/** The Strategic Partnership Officer gives and removes roles, by identity; anyone may ask who holds them. */
export const roleFeature: FeatureFactory = ({ people, reference, register, notifier, scale, clock }) => {
  // Appointing an Assistant Director sends them every proposal that waited for one (issue 17 item 4).
  const pending = new PendingApprovals({ register, people, notifier, reference, scale, clock });
  const roles = new RoleAssignment(people, reference, (director, areas, by) => pending.deliverTo(director, areas, by));
  return {
    routes: [
      // "make Helen Ward assistant director for communities", or by email; the "which one?" card carries personId.
      defineRoute({
        verb: 'assignRole',
        scope: 'anywhere',
        schema: roleRequest,
        help: {
          title: 'Roles',
          detail:
            'Say "make Helen Ward assistant director for Communities" (or give their council email), "make Sam Patel Leadership Team" or "remove Helen Ward as assistant director". "Who are the assistant directors" lists who holds a role, and "who am I" shows your own.',
          onlyFor: permissions.assignRoles,
        },
        handle: (turn, request) => roles.assign(turn.context, turn.person, request),
      }),
      // "remove Helen Ward as assistant director (for communities)"
      defineRoute({ verb: 'removeRole', scope: 'anywhere', schema: roleRequest, handle: (turn, request) => roles.remove(turn.context, turn.person, request) }),
      // "who am I": the asker's own object id and roles (how to find the id to make yourself SPO locally).
      defineRoute({ verb: 'whoAmI', scope: 'anywhere', schema: z.object({}), handle: (turn) => roles.whoAmI(turn.context, turn.person) }),
      // "who are the assistant directors"
      defineRoute({ verb: 'listRoleHolders', scope: 'anywhere', schema: z.object({ role }), handle: (turn, { role: which }) => roles.list(turn.context, which) }),
    ],
  };
};
