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
  {
    version: 4,
    name: 'agents, who did each case event, call notes',
    sql: `
      -- Phone-center agents with their own API token; only its SHA-256 is kept (cli agents add prints it once).
      CREATE TABLE agents (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        revoked_at TEXT
      );
      -- Who recorded the event or opened the case (an Actor as JSON, see src/domain/actor.ts) and when it
      -- was recorded; NULL on rows written before the audit trail.
      ALTER TABLE case_events ADD COLUMN actor TEXT;
      ALTER TABLE case_events ADD COLUMN recorded_at TEXT;
      ALTER TABLE return_cases ADD COLUMN opened_by TEXT;
      -- The dealer-purchase holds queue reads notifications by time.
      CREATE INDEX case_events_by_type_at ON case_events(type, at);
      -- Call notes: kept apart from events (they change nothing in the case's process).
      CREATE TABLE case_notes (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES return_cases(id),
        text TEXT NOT NULL,
        actor TEXT NOT NULL,
        at TEXT NOT NULL
      );
      CREATE INDEX case_notes_by_case ON case_notes(case_id, id);
    `,
  },
  {
    version: 5,
    name: 'dealer users and one-time link codes',
    sql: `
      -- A dealer's chat users: a Teams user by Azure AD object id ('teams'), a web chat user by the id in
      -- a signed user token ('webChat'), or one chat conversation linked by a texted code ('conversation',
      -- which expires). An identity belongs to one dealer: it scopes what the chat shows to that dealer's cases.
      CREATE TABLE dealer_users (
        id TEXT PRIMARY KEY,
        dealer_id TEXT NOT NULL REFERENCES dealers(id),
        kind TEXT NOT NULL,
        external_id TEXT NOT NULL,
        linked_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT
      );
      CREATE UNIQUE INDEX dealer_users_by_identity ON dealer_users(kind, external_id);
      CREATE INDEX dealer_users_by_dealer ON dealer_users(dealer_id, created_at);

      -- One pending code per chat conversation: only a salted scrypt hash of the code is kept. dealer_id is
      -- NULL when the phone given is not a dealer's (nothing was texted; the chat cannot tell the difference).
      CREATE TABLE link_codes (
        conversation_key TEXT PRIMARY KEY,
        phone TEXT NOT NULL,
        dealer_id TEXT REFERENCES dealers(id),
        code_hash TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0
      );
      -- Codes texted per phone (for the per-phone limit), kept a day.
      CREATE TABLE link_code_sends (
        id INTEGER PRIMARY KEY,
        phone TEXT NOT NULL,
        sent_at TEXT NOT NULL
      );
      CREATE INDEX link_code_sends_by_phone ON link_code_sends(phone, sent_at);
    `,
  },
  {
    version: 6,
    name: 'handoffs to a person, their messages, conversation references',
    sql: `
      -- A conversation handed from the bot to a person. At most one open (waiting or active) per
      -- conversation. transcript and facts are JSON as they stood when the dealer was handed over;
      -- dealer, agent and ended_by are Actors as JSON (src/domain/actor.ts); initiate_activity is the
      -- Bot Framework handoff.initiate event the bot emitted, for a contact-center hub.
      CREATE TABLE handoffs (
        id TEXT PRIMARY KEY,
        conversation_key TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        conversation_id TEXT NOT NULL,
        dealer TEXT,
        reason TEXT NOT NULL,
        transcript TEXT NOT NULL,
        facts TEXT NOT NULL,
        case_vin TEXT,
        status TEXT NOT NULL,
        agent TEXT,
        initiate_activity TEXT,
        created_at TEXT NOT NULL,
        taken_at TEXT,
        ended_at TEXT,
        ended_by TEXT
      );
      CREATE UNIQUE INDEX handoffs_one_open_per_conversation ON handoffs(conversation_key) WHERE status <> 'ended';
      CREATE INDEX handoffs_by_status ON handoffs(status, created_at);

      -- What the dealer and the agent wrote while a person held the conversation. source_id is the
      -- inbound activity id or Twilio MessageSid: a redelivery is recorded once.
      CREATE TABLE handoff_messages (
        id INTEGER PRIMARY KEY,
        handoff_id TEXT NOT NULL REFERENCES handoffs(id),
        role TEXT NOT NULL,
        author TEXT,
        text TEXT NOT NULL,
        source_id TEXT,
        delivery TEXT NOT NULL,
        at TEXT NOT NULL
      );
      CREATE UNIQUE INDEX handoff_messages_by_source ON handoff_messages(handoff_id, source_id) WHERE source_id IS NOT NULL;
      CREATE INDEX handoff_messages_by_handoff ON handoff_messages(handoff_id, id);

      -- Where to reach a chat conversation later (botbuilder's ConversationReference as JSON), kept
      -- from the dealer's last message: agents' replies and proactive notices go through it.
      CREATE TABLE conversation_references (
        conversation_key TEXT PRIMARY KEY,
        channel_id TEXT NOT NULL,
        conversation_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        aad_object_id TEXT,
        reference TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX conversation_references_by_user ON conversation_references(channel_id, user_id, updated_at);
      CREATE INDEX conversation_references_by_aad_object ON conversation_references(aad_object_id, updated_at) WHERE aad_object_id IS NOT NULL;
    `,
  },
  {
    version: 7,
    name: 'proactive notices: the outbox, the per-case watch, dealer notice settings',
    sql: `
      -- When each open case next needs a look from the notice scheduler: '' for "as soon as possible"
      -- (a new case, a new event), else the UTC instant its next step could turn overdue or its hold
      -- enters its last 12 hours. A scan reads only the rows due, through the index: never every case.
      CREATE TABLE notice_watch (
        case_id INTEGER PRIMARY KEY REFERENCES return_cases(id),
        next_check_at TEXT NOT NULL
      );
      CREATE INDEX notice_watch_by_time ON notice_watch(next_check_at);
      INSERT INTO notice_watch (case_id, next_check_at) SELECT id, '' FROM return_cases WHERE closed_at IS NULL;
      -- In the same transaction as the write that changes a case, whoever writes it.
      CREATE TRIGGER notice_watch_on_new_case AFTER INSERT ON return_cases WHEN NEW.closed_at IS NULL BEGIN
        INSERT OR REPLACE INTO notice_watch (case_id, next_check_at) VALUES (NEW.id, '');
      END;
      CREATE TRIGGER notice_watch_on_new_event AFTER INSERT ON case_events BEGIN
        INSERT OR REPLACE INTO notice_watch (case_id, next_check_at) VALUES (NEW.case_id, '');
      END;

      -- The outbox: one row per (case, step, kind), ever (the unique index is the exactly-once guarantee
      -- for deciding). status: pending (waiting for due_at), sending (an attempt in flight), sent, failed,
      -- skipped. in_doubt_since: an attempt may have reached Twilio without us learning its SID; the next
      -- attempt first looks for that message at Twilio. provider_id is Twilio's message SID.
      CREATE TABLE notices (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES return_cases(id),
        dealer_id TEXT NOT NULL REFERENCES dealers(id),
        step TEXT NOT NULL,
        kind TEXT NOT NULL,
        status TEXT NOT NULL,
        text TEXT NOT NULL,
        created_at TEXT NOT NULL,
        due_at TEXT NOT NULL,
        channel TEXT,
        recipient TEXT,
        body TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        attempt_started_at TEXT,
        in_doubt_since TEXT,
        sent_at TEXT,
        provider_id TEXT,
        delivery_status TEXT,
        delivery_updated_at TEXT,
        error TEXT,
        skipped_reason TEXT
      );
      CREATE UNIQUE INDEX notices_once ON notices(case_id, step, kind);
      CREATE INDEX notices_due ON notices(due_at) WHERE status = 'pending';
      CREATE INDEX notices_in_flight ON notices(status) WHERE status = 'sending';
      CREATE UNIQUE INDEX notices_by_provider_id ON notices(provider_id) WHERE provider_id IS NOT NULL;
      CREATE INDEX notices_by_recipient ON notices(recipient, id) WHERE recipient IS NOT NULL;

      -- Each dealer's notice kinds on or off and preferred channel (JSON); no row: every kind on, last channel used.
      CREATE TABLE dealer_notice_settings (
        dealer_id TEXT PRIMARY KEY REFERENCES dealers(id),
        settings TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      -- "The channel the dealer last used": the latest text from one of its phones.
      CREATE INDEX sms_messages_by_phone ON sms_messages(from_phone, received_at);
    `,
  },
];
