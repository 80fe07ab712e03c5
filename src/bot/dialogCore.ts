/**
 * The few botbuilder-dialogs classes the bot uses at run time, imported from their own modules.
 * The package's index also loads its prompts and the Microsoft text recognisers (number, date,
 * choice), which this bot never uses: that was about a quarter of its start-up
 * (docs/performance.md). Type-only imports may still name 'botbuilder-dialogs'.
 */
export { Dialog, DialogTurnStatus } from 'botbuilder-dialogs/lib/dialog.js';
export { DialogSet } from 'botbuilder-dialogs/lib/dialogSet.js';
