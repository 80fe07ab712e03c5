/** turnState key: the conversation state's version when the turn began (its ETag, or 'first'); set by src/bot/toolkitBot.ts. */
export const STATE_VERSION = Symbol('conversationStateVersion');
