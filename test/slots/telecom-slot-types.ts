import type { SlotType } from '../../src/content/intent-model.js';

export const serviceType: Extract<SlotType, { kind: 'list' }> = {
  kind: 'list',
  name: 'ServiceType',
  restrict: true,
  values: [
    { value: 'repair', synonyms: ['fix', 'fixing', 'broken', 'not working', 'technician visit'] },
    { value: 'installation', synonyms: ['install', 'set up', 'setup', 'new connection', 'hook up'] },
    { value: 'upgrade', synonyms: ['faster plan', 'speed boost', 'more speed'] },
  ],
};

export const device: Extract<SlotType, { kind: 'list' }> = {
  kind: 'list',
  name: 'Device',
  restrict: false,
  values: [
    { value: 'router', synonyms: ['modem', 'wifi box', 'wi-fi hub'] },
    { value: 'set-top box', synonyms: ['cable box', 'tv box'] },
  ],
};

export const orderNumber: Extract<SlotType, { kind: 'regex' }> = {
  kind: 'regex',
  name: 'OrderNumber',
  pattern: '[A-Z]{2}[0-9]{6}',
  caseInsensitive: true,
  separators: ' -',
  transform: 'upper',
  examples: ['AB123456', 'XY 987 654', 'cd-555-111'],
};

export const zipCode: Extract<SlotType, { kind: 'regex' }> = {
  kind: 'regex',
  name: 'ZipCode',
  pattern: '[0-9]{5}',
  caseInsensitive: false,
  separators: '',
  transform: 'none',
  examples: ['94105', '10001', '60614'],
};

export const telecomSlotTypes: SlotType[] = [serviceType, device, orderNumber, zipCode];
