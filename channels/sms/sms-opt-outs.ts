/**
 * Who said STOP: per phone number, keyed by the channel's hash of it (never the number), kept apart
 * from conversations so that an opt-out outlives them (conversations expire; consent must not). The
 * seam is small, so a deployment can keep it where it keeps other consent (a table, a CRM).
 */

/** A number's last keyword: opted out (STOP) or back in (START), when, and by which event. */
export interface SmsConsent {
  optedOut: boolean;
  /** ISO time. */
  at: string;
  /** The inbound event that changed it, so a redelivery of that event changes nothing. */
  eventId: string;
}

export interface SmsOptOuts {
  /** The number's consent, or undefined when it never sent STOP or START. */
  read(numberKey: string): Promise<SmsConsent | undefined>;
  /** Records the number's consent; resolves once it is kept (a file: on disk). */
  write(numberKey: string, consent: SmsConsent): Promise<void>;
}

/**
 * Opt-outs kept in memory: for tests and trials only, since a restart forgets who said STOP.
 *
 * @example
 * const channel = createSmsChannel({ bot, sender, idKey, optOuts: createMemorySmsOptOuts() });
 */
export function createMemorySmsOptOuts(): SmsOptOuts {
  const consents = new Map<string, SmsConsent>();
  return {
    async read(numberKey) {
      const consent = consents.get(numberKey);
      return consent && { ...consent };
    },
    async write(numberKey, consent) {
      consents.set(numberKey, { ...consent });
    },
  };
}
