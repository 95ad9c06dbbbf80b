/**
 * Status answers for a return case as one short plain text (GSM-7, at most 320 characters): the SMS
 * webhook, the bot's `sms` channel and the "check a return's status" dialog all call this one service.
 *
 * With `phone`, the answer is scoped to the dealer that phone is registered to (an unknown number and
 * another dealer's VIN get the same reply). Without `phone`, a full 17-character VIN is required.
 */
export interface StatusQuery {
  vinOrSuffix: string;
  phone?: string;
}

export class StatusService {
  async statusText(query: StatusQuery): Promise<string> {
    void query;
    return 'Case status is not available yet.';
  }

  async releaseText(query: StatusQuery): Promise<string> {
    void query;
    return 'Release information is not available yet.';
  }
}
