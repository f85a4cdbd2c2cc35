import { defineDialog, formatMessage } from 'parley-sdk';
import outages from './data/outages.json' with { type: 'json' };

interface Area {
  outage: boolean;
  area: string;
  cause?: string;
  /** The area's local time, `HH:MM`: said the customer's way ("6:00 PM" in en-US). */
  restoredBy?: string;
}

const areas = outages as Record<string, Area>;

export const reportOutage = defineDialog<{ zipCode: string }>({
  intent: 'ReportOutage',
  title: 'check for outages',
  queue: 'TechSupport',
  fulfil: ({ zipCode }, context) => {
    const area = areas[String(zipCode)];
    if (area?.outage) {
      return formatMessage(
        "Yes, there's an outage in {area} ({zipCode}) caused by {cause}. We expect service to be restored by {restoredBy, time, short}. Sorry for the trouble!",
        { area: area.area, zipCode, cause: area.cause, restoredBy: area.restoredBy },
        context,
      );
    }
    return `There's no known outage at ${zipCode} right now. Restarting your router often helps; if it doesn't, I can connect you with tech support.`;
  },
});
