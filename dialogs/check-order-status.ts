import { defineDialog } from 'parley-sdk';
import orders from './data/orders.json' with { type: 'json' };

interface Order {
  status: 'shipped' | 'delivered' | 'processing';
  item: string;
  carrier?: string;
  eta?: string;
  deliveredOn?: string;
}

const known = orders as Record<string, Order>;

export const checkOrderStatus = defineDialog<{ orderNumber: string }>({
  intent: 'CheckOrderStatus',
  title: 'check an order',
  slots: {
    orderNumber: {
      validate: (orderNumber) => (String(orderNumber) in known ? undefined : `I couldn't find an order ${orderNumber}.`),
    },
  },
  fulfil: ({ orderNumber }) => {
    const order = known[orderNumber]!;
    switch (order.status) {
      case 'shipped':
        return `Good news: order ${orderNumber} (${order.item}) has shipped with ${order.carrier} and should arrive ${order.eta}.`;
      case 'delivered':
        return `Order ${orderNumber} (${order.item}) was delivered ${order.deliveredOn}.`;
      case 'processing':
        return `Order ${orderNumber} (${order.item}) is still processing; ${order.eta}.`;
    }
  },
});
