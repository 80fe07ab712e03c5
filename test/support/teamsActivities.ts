import { randomUUID } from 'node:crypto';

/** Builders for activities shaped as Microsoft Teams sends them. */

export interface TestUser {
  objectId: string;
  name: string;
  /** Teams user id (29:...). */
  id: string;
}

export const BOT = { id: '28:00000000-0000-0000-0000-0000000000b0', name: 'Partnership Toolkit' };
export const TENANT_ID = '11111111-2222-3333-4444-555555555555';

export function testUser(name: string, n = 1): TestUser {
  const suffix = String(n).padStart(12, '0');
  return { objectId: `aaaaaaaa-0000-0000-0000-${suffix}`, name, id: `29:user-${suffix}` };
}

interface Common {
  user: TestUser;
  conversationId: string;
  serviceUrl: string;
  conversationType?: 'personal' | 'channel' | 'groupChat';
}

function base(c: Common) {
  return {
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: c.serviceUrl,
    timestamp: new Date().toISOString(),
    from: { id: c.user.id, name: c.user.name, aadObjectId: c.user.objectId },
    recipient: { id: BOT.id, name: BOT.name },
    conversation: {
      id: c.conversationId,
      conversationType: c.conversationType ?? 'personal',
      tenantId: TENANT_ID,
      ...(c.conversationType === 'channel' ? { isGroup: true } : {}),
    },
    channelData: { tenant: { id: TENANT_ID } },
    locale: 'en-GB',
    deliveryMode: 'expectReplies',
  };
}

export function messageActivity(c: Common & { text: string }) {
  return { ...base(c), type: 'message', text: c.text, textFormat: 'plain' };
}

/** A channel message that @mentions the bot, as Teams sends it. */
export function mentionActivity(c: Common & { text: string }) {
  const mention = `<at>${BOT.name}</at>`;
  return {
    ...base({ ...c, conversationType: 'channel' }),
    type: 'message',
    text: `${mention} ${c.text}`,
    entities: [{ type: 'mention', text: mention, mentioned: { id: BOT.id, name: BOT.name } }],
  };
}

/** What Teams sends when an officer presses an Action.Submit button on a card. */
export function cardSubmitActivity(c: Common & { value: Record<string, unknown>; replyToId?: string }) {
  return { ...base(c), type: 'message', value: c.value, ...(c.replyToId ? { replyToId: c.replyToId } : {}) };
}

export function installActivity(c: Common) {
  return {
    ...base(c),
    type: 'conversationUpdate',
    membersAdded: [{ id: BOT.id }],
  };
}

/** A file sent in the 1:1 chat, as Teams delivers it to a bot with supportsFiles: a download-info attachment. */
export function fileActivity(c: Common & { fileName: string; downloadUrl: string; text?: string }) {
  return {
    ...base(c),
    type: 'message',
    text: c.text ?? '',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.teams.file.download.info',
        contentUrl: `https://contoso.sharepoint.com/personal/files/${encodeURIComponent(c.fileName)}`,
        name: c.fileName,
        content: { downloadUrl: c.downloadUrl, uniqueId: randomUUID(), fileType: c.fileName.split('.').pop() },
      },
    ],
  };
}
