import { defineDialog } from 'parley-sdk';
import outages from './data/outages.json' with { type: 'json' };

interface Area {
  outage: boolean;
  area: string;
  cause?: string;
  restoredBy?: string;
}

const areas = outages as Record<string, Area>;

export const reportOutage = defineDialog<{ zipCode: string }>({
  intent: 'ReportOutage',
  title: 'check for outages',
  queue: 'TechSupport',
  fulfil: ({ zipCode }) => {
    const area = areas[String(zipCode)];
    if (area?.outage) {
      return `Yes, there's an outage in ${area.area} (${zipCode}) caused by ${area.cause}. We expect service to be restored by ${area.restoredBy}. Sorry for the trouble!`;
    }
    return `There's no known outage at ${zipCode} right now. Restarting your router often helps; if it doesn't, I can connect you with tech support.`;
  },
});
