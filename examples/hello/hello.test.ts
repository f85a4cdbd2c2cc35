import { describe, it } from 'vitest';
import { testBot } from 'parley-sdk/testing';
import bot from './bot.js';

describe('the hello example', () => {
  it('greets and gives the opening hours', async () => {
    await testBot(bot)
      .send('hi').expectReply(/opening hours or check whether we deliver/)
      .send('when are you open?').expectReply('Tuesday to Saturday from 7am to 3pm')
      .expectState({ intent: 'OpeningHours', dialog: null });
  });

  it('asks for the ZIP code, explains it on help, and asks again after an answer it cannot use', async () => {
    await testBot(bot)
      .send('can I get a cake delivered').expectReply("What's your ZIP code?")
      .expectState({ dialog: 'CheckDelivery', awaiting: 'zipCode' })
      .send('help').expectReply('five-digit ZIP code of the delivery address').expectReply("What's your ZIP code?")
      .send('the blue house').expectReply("didn't catch that").expectReply('like 94110')
      .send('94110').expectReply('we deliver to 94110')
      .expectState({ dialog: null, slots: { zipCode: '94110' } });
  });

  it('says so when the ZIP code given up front is outside the delivery area', async () => {
    await testBot(bot)
      .send('do you deliver to 10001?').expectReply("we don't deliver to 10001")
      .send('thanks, bye').expectReply('Thanks for stopping by')
      .expectState({ ended: true });
  });
});
