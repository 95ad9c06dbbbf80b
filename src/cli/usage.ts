/**
 * What the CLI says about itself: one line per command for `--help`, and each command's own usage
 * (printed by `<command> --help`, and with a usage mistake). Here, not in the commands, so `--help`
 * answers without loading a command (chat loads the whole app).
 */
export const commandNames = ['decide', 'seed', 'sms', 'ask', 'eval', 'chat', 'agents', 'teams-package'] as const;
export type CommandName = (typeof commandNames)[number];

export const summaries: Record<CommandName, string> = {
  decide: 'decide FILE.json|-          print the decision (with trace) for a return',
  seed: 'seed                        store a sample dealer and return case in DATA_DIR (npm run seed)',
  sms: 'sms "STATUS <VIN>" --from +1...  send a (signed) Twilio-style text to the server, print the reply',
  ask: 'ask "question" [--json]      a short, cited answer about the lease-return process',
  eval: 'eval [--part P] [--failures] score the grounded answers and the understanding of dealer messages',
  chat: 'chat [--url URL] [--conversation ID]  talk to the bot in the terminal (npm run chat)',
  agents: 'agents add "Name" | list | revoke ID  phone-center agents and their own API tokens',
  'teams-package': 'teams-package [--out FILE]   build the Teams app zip (npm run teams:package)',
};

export const usage = `Usage: npm run --silent cli -- <command> [arguments]   (--help after a command for its own usage)
${commandNames.map((name) => `  ${summaries[name]}`).join('\n')}
`;

export const usages: Record<CommandName, string> = {
  decide: `Usage: npm run --silent cli -- decide FILE.json   (or - to read standard input)
  Prints the decision for a return (termination, notification, inspection, remarketing, next steps and
  the trace), the JSON POST /api/v1/decisions answers. Invalid input: the error on stderr, exit 2.
`,
  seed: `Usage: npm run seed   (or: npm run --silent cli -- seed)
  Stores a sample dealer (+16145550100) and an inspected return case (VIN 1M8GDM9AXKP042788) in DATA_DIR,
  for the agent console and the SMS commands. Running it again changes nothing.
`,
  sms: `Usage: npm run --silent cli -- sms "STATUS 1M8GDM9AXKP042788" --from +16145550100 [--url http://127.0.0.1:3978] [--to +1...] [--sid SM...]
  Texts the running server's SMS webhook the way Twilio would (signed with TWILIO_AUTH_TOKEN over
  PUBLIC_BASE_URL when that is set) and prints the reply. Texts: STATUS <VIN or its last 6>,
  RELEASE <VIN>, CONTACTS, HELP, STOP, START. The server is the one at HOST:PORT (127.0.0.1:3978
  unless set), or --url.
`,
  ask: `Usage: npm run --silent cli -- ask "who do I call if I can't log in to AVRM?" [--json]
  A short answer about the lease-return process with the sections it rests on (--json: the API's JSON).
  Extractive unless OPENAI_API_KEY is set. Runs in this process; no server needed.
`,
  eval: `Usage: npm run eval -- [--questions FILE] [--part tuning|held-out] [--failures] [--json]
  Asks the eval question set (or FILE) and prints the scores: numbers, citations, out-of-scope answers.
  Then reads the understanding eval's dealer messages (src/understanding/eval/, both parts unless
  --part) and prints, per part: what the dealer wants, each fact, topics, answer key facts, wrong
  numbers, out-of-scope precision and recall. --failures lists the tuning part's failures (the
  held-out part is never listed). Extractive unless OPENAI_API_KEY is set. Exit 1 when an answer
  gives a wrong number or citation.
`,
  agents: `Usage: npm run --silent cli -- agents add "Dana Smith" | agents list | agents revoke <id>
  add prints a new agent's token once (only its SHA-256 is stored); the agent sends it as
  Authorization: Bearer <token>, and every event and note they record names them. list shows id, name,
  created and revoked. revoke stops the token at once, also while the server runs. Uses DATA_DIR.
`,
  'teams-package': `Usage: npm run teams:package [-- --out dist/teams-app.zip]
  Writes the Teams app package: manifest.json (schema 1.17) with the bot id from MicrosoftAppId, the
  scopes from TEAMS_BOT_SCOPES (personal,team,groupChat unless set) and PUBLIC_BASE_URL's host as the
  valid domain, plus color.png (192x192) and outline.png (32x32). Upload the zip in Teams (Apps > Manage
  your apps > Upload a custom app). A missing or wrong variable: one line naming it, exit 2.
`,
  chat: `Usage: npm run chat [-- --url http://127.0.0.1:3978] [--conversation ID]
  Talks to the bot in the terminal, one line per message (piped input works too; Ctrl-D to leave).
  Uses the server running at HOST:PORT (127.0.0.1:3978 unless set) or --url; when none answers there,
  runs the app in this process on the same DATA_DIR. --conversation ID resumes a conversation.
`,
};
