import { assert } from 'chai';
import { forEachEngine } from './engines.ts';

forEachEngine('schema migrations', (engine) => {
  it('creates every table the repositories use', async () => {
    const expected = [
      'state_documents',
      'dealers',
      'return_cases',
      'case_events',
      'processed_activities',
      'agents',
      'case_notes',
      'dealer_users',
      'link_codes',
      'handoffs',
      'handoff_messages',
      'conversation_references',
      'notice_watch',
      'notices',
      'dealer_notice_settings',
    ];
    const query =
      engine().kind === 'sqlite'
        ? "SELECT name FROM sqlite_master WHERE type = 'table'"
        : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'";
    const tables = new Set((await engine().sql(query)).map((row) => String(row.name)));
    for (const table of expected) assert.isTrue(tables.has(table), `missing table ${table}`);
  });
});
