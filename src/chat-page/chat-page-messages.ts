/** Every word the chat page shows, in one place. */
export const chatPageMessages = {
  title: 'Lease Return Assistant',
  lede: 'A colleague who knows the Ally lease-return process: ask in your own words, or pick one of the things below.',
  capabilitiesHeading: 'What it can do',
  /** `send` is what the button types into the conversation; the bot's menu knows these words. */
  capabilities: [
    {
      send: 'Return a vehicle',
      title: 'Return a vehicle',
      detail: 'Walk through a lease return and get the decision, how to notify Ally and what happens next.',
    },
    { send: "Check a return's status", title: "Check a return's status", detail: 'Where a return stands: inspection, remarketing, pickup and letters.' },
    { send: 'Who to call', title: 'Who to call', detail: 'The right number or fax for your situation, from the Ally contact directory.' },
    { send: 'Ask a question', title: 'Ask a question', detail: 'Anything about the process, for example “what’s the fax for dealer purchases?”' },
  ],
  footnote: 'This conversation stays with this browser tab: reload and carry on. It is forgotten after 30 minutes without activity.',
  chatLabel: 'Conversation with the Lease Return Assistant',
  noScript: 'The assistant needs JavaScript to run in this page.',
  unavailable: 'The assistant cannot be reached right now. Check that the server is running, then reload this page.',
  /** The API token prompt, shown before the first conversation when the server runs with API_TOKEN (wording as in the agent console). */
  token: {
    heading: 'API token',
    label: 'API token',
    submit: 'Start the conversation',
    needed: 'This server needs an API token. Enter it once; it is kept only for this browser tab session.',
    rejected: 'That API token was not accepted (401). Check the token and try again.',
  },
} as const;
