/**
 * The schema, as numbered migrations applied in order at start-up. Never edit a migration that has
 * shipped: add the next number.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'state documents',
    sql: `
      -- JSON documents with an eTag, for conversation and user state (see state-store.ts).
      CREATE TABLE state_documents (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        etag INTEGER NOT NULL,
        updated_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'dealers, return cases, case events, SMS messages and opt-outs',
    sql: `
      CREATE TABLE dealers (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        state TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      -- A phone belongs to one dealer: it is what scopes a text message to that dealer's cases.
      CREATE TABLE dealer_phones (
        phone TEXT PRIMARY KEY,
        dealer_id TEXT NOT NULL REFERENCES dealers(id),
        position INTEGER NOT NULL
      );
      CREATE INDEX dealer_phones_by_dealer ON dealer_phones(dealer_id, position);

      -- Decisions are stored once per distinct content (most cases share one), referenced by cases.
      CREATE TABLE decisions (
        id INTEGER PRIMARY KEY,
        hash TEXT NOT NULL UNIQUE,
        rules_version TEXT NOT NULL,
        body TEXT NOT NULL
      );

      CREATE TABLE return_cases (
        id INTEGER PRIMARY KEY,
        vin TEXT NOT NULL,
        -- The VIN backwards, so "ends with" becomes an indexed prefix range.
        vin_reversed TEXT NOT NULL,
        dealer_id TEXT NOT NULL REFERENCES dealers(id),
        state TEXT NOT NULL,
        maturity_date TEXT NOT NULL,
        return_date TEXT NOT NULL,
        intent TEXT NOT NULL,
        has_avrm_access INTEGER NOT NULL,
        opened_at TEXT NOT NULL,
        closed_at TEXT,
        stage TEXT NOT NULL,
        next_deadline TEXT,
        decision_id INTEGER NOT NULL REFERENCES decisions(id),
        version INTEGER NOT NULL
      );
      CREATE UNIQUE INDEX return_cases_one_open_per_vin ON return_cases(vin) WHERE closed_at IS NULL;
      CREATE INDEX return_cases_by_vin ON return_cases(vin, id);
      CREATE INDEX return_cases_by_vin_reversed ON return_cases(vin_reversed, id);
      CREATE INDEX return_cases_by_dealer ON return_cases(dealer_id, id);
      CREATE INDEX return_cases_by_stage ON return_cases(stage, id);
      CREATE INDEX return_cases_open_by_deadline ON return_cases(next_deadline) WHERE closed_at IS NULL;

      CREATE TABLE case_events (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES return_cases(id),
        type TEXT NOT NULL,
        at TEXT NOT NULL,
        note TEXT,
        by_party TEXT,
        document TEXT
      );
      CREATE INDEX case_events_by_case ON case_events(case_id, id);

      -- One row per inbound MessageSid: a repeated webhook is answered once.
      CREATE TABLE sms_messages (
        message_sid TEXT PRIMARY KEY,
        from_phone TEXT NOT NULL,
        body TEXT NOT NULL,
        received_at TEXT NOT NULL,
        reply TEXT
      );
      CREATE TABLE sms_opt_outs (
        phone TEXT PRIMARY KEY,
        opted_out INTEGER NOT NULL,
        updated_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 3,
    name: 'processed bot activities',
    sql: `
      -- The activities the bot answered, with the replies it sent, written in the same transaction as
      -- the turn's state: a redelivered activity (same id) gets the same replies and changes nothing.
      -- Pruned at write time (the last few per conversation, none older than a day).
      CREATE TABLE processed_activities (
        id INTEGER PRIMARY KEY,
        conversation_key TEXT NOT NULL,
        activity_id TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        replies TEXT NOT NULL,
        processed_at TEXT NOT NULL
      );
      CREATE UNIQUE INDEX processed_activities_by_activity ON processed_activities(conversation_key, activity_id);
      CREATE INDEX processed_activities_by_age ON processed_activities(processed_at);
    `,
  },
];
