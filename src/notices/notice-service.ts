import type { CaseService } from '../cases/case-service.ts';
import { isoNow, type Clock } from '../clock.ts';
import { NotFoundError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { noticeView, type NoticeSettings, type NoticeSettingsUpdate, type NoticeView } from './notice.ts';
import type { NoticeRepository } from './notice-repository.ts';

export interface NoticeSettingsView extends NoticeSettings {
  dealerId: string;
}

/** What the API and the console read and change about notices; the scheduler sends them. */
export class NoticeService {
  constructor(private readonly deps: { notices: NoticeRepository; cases: Pick<CaseService, 'getDealer' | 'getCase'>; clock: Clock; logger: Logger }) {}

  async settings(dealerId: string): Promise<NoticeSettingsView> {
    await this.deps.cases.getDealer(dealerId);
    return { dealerId, ...(await this.deps.notices.settings(dealerId)) };
  }

  async updateSettings(dealerId: string, update: NoticeSettingsUpdate): Promise<NoticeSettingsView> {
    await this.deps.cases.getDealer(dealerId);
    const current = await this.deps.notices.settings(dealerId);
    const next: NoticeSettings = {
      kinds: {
        stepOverdue: update.kinds?.stepOverdue ?? current.kinds.stepOverdue,
        holdEnding: update.kinds?.holdEnding ?? current.kinds.holdEnding,
        sold: update.kinds?.sold ?? current.kinds.sold,
        notSold: update.kinds?.notSold ?? current.kinds.notSold,
      },
      channel: update.channel ?? current.channel,
    };
    await this.deps.notices.saveSettings(dealerId, next, isoNow(this.deps.clock));
    this.deps.logger.info({ dealerId, settings: next }, 'notice settings changed');
    return { dealerId, ...next };
  }

  /** The notices of a case (full VIN or a unique suffix), oldest first. */
  async listForCase(vinOrSuffix: string): Promise<{ vin: string; items: NoticeView[] }> {
    const view = await this.deps.cases.getCase(vinOrSuffix);
    const caseId = await this.deps.notices.caseIdOf(view.vin);
    if (caseId === undefined) throw new NotFoundError(`No case for VIN ${view.vin}.`, 'vin');
    return { vin: view.vin, items: (await this.deps.notices.listForCase(caseId)).map(noticeView) };
  }

  /** A delivery status from Twilio's status callback; false when the SID is not a notice's (a link code, a handoff reply). */
  async recordDeliveryStatus(sid: string, status: string, errorCode: string | null): Promise<boolean> {
    return this.deps.notices.updateDelivery(sid, status, errorCode, isoNow(this.deps.clock));
  }
}
