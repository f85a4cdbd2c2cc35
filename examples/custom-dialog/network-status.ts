// A stand-in for the network-status service a real bot would call over HTTP.
export interface Outage {
  area: string;
  restoredBy: string;
}

const outages: Record<string, Outage> = {
  '94105': { area: 'South Beach', restoredBy: '6pm today' },
};

export async function findOutage(zipCode: string, signal?: AbortSignal): Promise<Outage | null> {
  signal?.throwIfAborted();
  return outages[zipCode] ?? null;
}
