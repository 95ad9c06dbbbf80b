import { DateTime } from 'luxon';
import { CaseService } from '../../cases/case-service.ts';
import { systemClock } from '../../clock.ts';
import { loadConfig } from '../../config.ts';
import { administrator } from '../../domain/actor.ts';
import { parseCalendarDate, type CalendarDate } from '../../domain/calendar-date.ts';
import { parsePhoneNumber, type PhoneNumber } from '../../domain/phone-number.ts';
import { stateTimeZone } from '../../domain/us-states.ts';
import { checkVin } from '../../domain/vin.ts';
import { createLogger } from '../../logger.ts';
import { DecisionService } from '../../rules/decision-service.ts';
import { loadRuleSet } from '../../rules/rule-set.ts';
import { openStorage } from '../../storage/open-storage.ts';
import type { CliIo } from '../cli-io.ts';
import { usages } from '../usage.ts';

const sample = {
  dealer: { id: 'demo-columbus', name: 'Demo Motors of Columbus', state: 'OH' as const, phone: '+16145550100' },
  vin: '1M8GDM9AXKP042788',
};

/**
 * `npm run seed`: a sample dealer and a sample return case (returned two days ago, Ally notified,
 * inspected yesterday) in DATA_DIR (or the DATABASE_URL database), so there is something to look at. Running it again changes nothing.
 */
export async function run(args: string[], io: CliIo): Promise<number> {
  if (args.length > 0) {
    io.stderr.write(`Unknown argument "${args[0] ?? ''}".\n${usages.seed}`);
    return 2;
  }
  const config = loadConfig(io.env);
  const storage = await openStorage(config, createLogger('silent'), 'command');
  try {
    const { dealers } = storage.repositories;
    const cases = new CaseService({
      dealers,
      cases: storage.repositories.cases,
      decisions: new DecisionService(loadRuleSet(config.rulesDir), { cacheSize: 0 }),
      clock: systemClock,
      logger: createLogger('silent'),
    });
    const phone = parsePhoneNumber(sample.dealer.phone) as PhoneNumber;
    const vinCheck = checkVin(sample.vin);
    if (!vinCheck.valid) throw new Error(vinCheck.message);

    const owner = await dealers.findByPhone(phone);
    if (owner && owner.id !== sample.dealer.id) {
      io.stderr.write(`${phone} already belongs to dealer "${owner.id}"; the sample dealer was not added.\n`);
      return 1;
    }
    if (await dealers.get(sample.dealer.id)) {
      io.stdout.write(`Sample dealer ${sample.dealer.id} is already there.\n`);
    } else {
      await cases.registerDealer({ id: sample.dealer.id, name: sample.dealer.name, state: sample.dealer.state, phones: [phone] });
      io.stdout.write(`Added sample dealer ${sample.dealer.id} (${sample.dealer.name}, ${sample.dealer.state}).\n`);
    }

    const existing = await cases.lookup(sample.vin);
    if (existing.found) {
      io.stdout.write(`Sample case ${sample.vin} is already there (stage: ${existing.view.stage}).\n`);
    } else {
      const today = DateTime.now().setZone(stateTimeZone(sample.dealer.state)).startOf('day');
      const day = (offset: number): CalendarDate => parseCalendarDate(today.plus({ days: offset }).toISODate() ?? '') as CalendarDate;
      const at = (offset: number, hour: number): string => today.plus({ days: offset, hours: hour }).toISO() ?? '';
      const opened = await cases.openCase(
        {
          vin: vinCheck.vin,
          dealerId: sample.dealer.id,
          maturityDate: day(60),
          returnDate: day(-2),
          intent: 'lesseeReturn',
          hasAvrmAccess: true,
          events: [
            { type: 'notified', at: at(-2, 10), note: 'Sample: notified in AVRM' },
            { type: 'inspected', at: at(-1, 11), note: 'Sample: third-party inspection at the lot' },
          ],
        },
        administrator,
      );
      io.stdout.write(`Added sample case ${opened.vin} (stage: ${opened.stage}).\n`);
    }
    io.stdout.write(`\nVIN:          ${sample.vin}\nDealer phone: ${phone}\n`);
    io.stdout.write(`Try:          npm run --silent cli -- sms "STATUS ${sample.vin.slice(-6)}" --from ${phone}   (with the server running)\n`);
    return 0;
  } finally {
    await storage.close();
  }
}
